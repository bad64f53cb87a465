package concord.ui.notes;

/** What the window last learned about the server. */
public enum ConnectionState {
    CONNECTING("Connecting…"),
    ONLINE("Online"),
    OFFLINE("Offline"),
    UNAUTHORIZED("Not authorized");

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
