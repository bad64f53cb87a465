package concord.model.tx;

import concord.model.ETag;
import java.util.Objects;

/**
 * The value of an item's {@code ifMatch}: either one strong ETag or {@code *} (any current version).
 * Comparison is strong, as for the {@code If-Match} header.
 */
public sealed interface EntityMatch {

    /** True if a note whose current ETag is {@code current} satisfies this condition. */
    boolean matches(ETag current);

    /** The JSON/header form: {@code "\"abc\""} or {@code "*"}. */
    String header();

    static EntityMatch any() {
        return Any.INSTANCE;
    }

    static EntityMatch of(ETag etag) {
        return new Tag(etag);
    }

    /** {@code *}: matches any existing note. */
    enum Any implements EntityMatch {
        INSTANCE;

        @Override
        public boolean matches(ETag current) {
            return current != null;
        }

        @Override
        public String header() {
            return "*";
        }
    }

    /** One strong ETag. */
    record Tag(ETag etag) implements EntityMatch {
        public Tag {
            Objects.requireNonNull(etag, "etag");
        }

        @Override
        public boolean matches(ETag current) {
            return etag.equals(current);
        }

        @Override
        public String header() {
            return etag.header();
        }
    }
}
