package io.edgebus.booth.contracts;

/** Field checks shared by the contracts: a message is refused at construction, so at deserialization. */
final class Required {
    private Required() {
    }

    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
