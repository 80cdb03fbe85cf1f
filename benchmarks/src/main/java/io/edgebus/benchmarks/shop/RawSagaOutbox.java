package io.edgebus.benchmarks.shop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline of the saga+outbox path: plain JDBC doing, per order, the statements the shop's five
 * messages make the PostgreSQL persistence do — Sales' three (inbox look-up, saga find and
 * insert/update/delete, outbox insert, mark dispatched) and Billing's and Shipping's one each (inbox
 * look-up, outbox insert, mark dispatched) — one transaction per message, on tables of the same shape.
 */
final class RawSagaOutbox {
    private static final String OPERATION = "[{\"destination\":\"OrderPlaced\",\"headers\":{\"NServiceBus.MessageId\":\"%s\"},"
            + "\"body\":\"{\\\"orderId\\\":\\\"%s\\\"}\"}]";

    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    RawSagaOutbox(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    void createTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("CREATE TABLE " + schema + ".saga (id uuid PRIMARY KEY, saga_type text NOT NULL,"
                    + " correlation_value text NOT NULL, state jsonb NOT NULL, version bigint NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),"
                    + " CONSTRAINT saga_correlation UNIQUE (saga_type, correlation_value)) WITH (fillfactor = 80)");
            st.execute("CREATE TABLE " + schema + ".outbox (endpoint text NOT NULL, message_id text NOT NULL,"
                    + " operations jsonb NOT NULL, dispatched boolean NOT NULL DEFAULT false, dispatched_at timestamptz,"
                    + " claimed_at timestamptz, created_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (endpoint, message_id))");
            st.execute("CREATE INDEX ON " + schema + ".outbox (endpoint, created_at) WHERE NOT dispatched");
            st.execute("CREATE INDEX ON " + schema + ".outbox (dispatched_at) WHERE dispatched");
        }
    }

    void dropTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Runs {@code orders} orders on {@code threads} connections; returns orders per second. */
    double run(int orders, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = orders / threads + (t < orders % threads ? 1 : 0);
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    for (int i = 0; i < share; i++) {
                        order(c, UUID.randomUUID().toString());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return orders / ((System.nanoTime() - start) / 1e9);
    }

    private void order(Connection c, String orderId) throws SQLException {
        UUID sagaId = UUID.randomUUID();
        message(c, orderId, "{\"orderId\":\"" + orderId + "\",\"billed\":false,\"shipped\":false}", true, sagaId, Step.START);
        message(c, orderId, "{\"orderId\":\"" + orderId + "\",\"billed\":true,\"shipped\":false}", false, sagaId, Step.UPDATE);
        message(c, orderId, null, true, sagaId, Step.COMPLETE);
        handled(c, "Billing", orderId);
        handled(c, "Shipping", orderId);
    }

    /** A handler without a saga that sends one message: Billing on OrderPlaced, Shipping the same. */
    private void handled(Connection c, String endpoint, String orderId) throws SQLException {
        String messageId = UUID.randomUUID().toString();
        c.setAutoCommit(false);
        try (PreparedStatement find = c.prepareStatement("SELECT operations::text, dispatched FROM " + schema
                + ".outbox WHERE endpoint = ? AND message_id = ?")) {
            find.setString(1, endpoint);
            find.setString(2, messageId);
            find.executeQuery().close();
        }
        exec(c, "INSERT INTO " + schema + ".outbox (endpoint, message_id, operations, dispatched, dispatched_at)"
                + " VALUES (?, ?, ?::jsonb, false, NULL) ON CONFLICT DO NOTHING", endpoint, messageId,
                String.format(OPERATION, UUID.randomUUID(), orderId));
        c.commit();
        c.setAutoCommit(true);
        exec(c, "UPDATE " + schema + ".outbox SET dispatched = true, dispatched_at = now(), operations = '[]'"
                + " WHERE endpoint = ? AND message_id = ? AND NOT dispatched", endpoint, messageId);
    }

    private enum Step { START, UPDATE, COMPLETE }

    private void message(Connection c, String orderId, String state, boolean sends, UUID sagaId, Step step)
            throws SQLException {
        String messageId = UUID.randomUUID().toString();
        c.setAutoCommit(false);
        try (PreparedStatement find = c.prepareStatement("SELECT operations::text, dispatched FROM " + schema
                + ".outbox WHERE endpoint = ? AND message_id = ?")) {
            find.setString(1, "Sales");
            find.setString(2, messageId);
            find.executeQuery().close();
        }
        long version = 0;
        try (PreparedStatement find = c.prepareStatement("SELECT id, state::text, version FROM " + schema
                + ".saga WHERE saga_type = ? AND correlation_value = ?")) {
            find.setString(1, "OrderSaga");
            find.setString(2, orderId);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    version = rs.getLong(3);
                }
            }
        }
        switch (step) {
            case START -> exec(c, "INSERT INTO " + schema + ".saga (id, saga_type, correlation_value, state, version)"
                    + " VALUES (?, 'OrderSaga', ?, ?::jsonb, 1) ON CONFLICT DO NOTHING", sagaId, orderId, state);
            case UPDATE -> exec(c, "UPDATE " + schema + ".saga SET state = ?::jsonb, version = version + 1,"
                    + " updated_at = now() WHERE id = ? AND version = ? AND state IS DISTINCT FROM ?::jsonb",
                    state, sagaId, version, state);
            case COMPLETE -> exec(c, "DELETE FROM " + schema + ".saga WHERE id = ? AND version = ?", sagaId, version);
        }
        exec(c, "INSERT INTO " + schema + ".outbox (endpoint, message_id, operations, dispatched, dispatched_at)"
                + " VALUES ('Sales', ?, ?::jsonb, ?, CASE WHEN ? THEN now() END) ON CONFLICT DO NOTHING",
                messageId, sends ? String.format(OPERATION, UUID.randomUUID(), orderId) : "[]", !sends, !sends);
        c.commit();
        c.setAutoCommit(true);
        if (sends) {
            exec(c, "UPDATE " + schema + ".outbox SET dispatched = true, dispatched_at = now(), operations = '[]'"
                    + " WHERE endpoint = 'Sales' AND message_id = ? AND NOT dispatched", messageId);
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
