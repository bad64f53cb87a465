package concord.ui.merge;

import concord.merge.Side;

/** The four texts the merge dialog can show. */
public enum Pane {
    MINE, BASE, RESULT, THEIRS;

    /** The engine's side this pane shows; the result is no input side. */
    Side side() {
        return switch (this) {
            case MINE -> Side.MINE;
            case BASE -> Side.BASE;
            case THEIRS -> Side.THEIRS;
            case RESULT -> throw new IllegalArgumentException("the result is not an input side");
        };
    }
}
