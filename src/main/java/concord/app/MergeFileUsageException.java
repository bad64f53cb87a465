package concord.app;

/**
 * Bad command line, reported the way git's parse-options does: an optional {@code error: ...} line, then the usage
 * text when git would show it, and exit status 129.
 */
final class MergeFileUsageException extends Exception {

    private final boolean showUsage;

    MergeFileUsageException(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    boolean showUsage() {
        return showUsage;
    }
}
