package io.edgebus.persistence.postgres;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Keys of the two-int advisory locks: the first int says what is locked, the second which schema, so
 * several EdgeBus schemas in one database never wait for each other.
 */
final class AdvisoryLocks {
    /** "EBmg" / "EBcl" as ints: unlikely to collide with other applications' lock keys. */
    static final int MIGRATION = 0x45426d67;
    static final int CLEANUP = 0x4542636c;

    private AdvisoryLocks() {
    }

    /** The same key for the same schema name in every instance and version. */
    static int key(String schema) {
        CRC32 crc = new CRC32();
        crc.update(schema.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
