package concord.engines;

/** The store engines every contract test runs on. */
public enum Engine {
    SQLITE, POSTGRESQL
}
