package concord.ui.merge;

import concord.client.ApiResult;
import concord.merge.ChunkKind;
import concord.model.Note;
import concord.ui.DisplayText;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the merge dialog says in sentences: the headline, notices, the conflict counter, the selected
 * change's description, confirmations and errors. Where the wording depends on when the decision is written
 * (now, or with the other notes of Save all), {@code deferred} picks it. No JavaFX; tested on its own.
 */
final class MergeDialogText {

    private final boolean deferred;

    /** @param deferred whether decisions are written later, with Save all's transaction */
    MergeDialogText(boolean deferred) {
        this.deferred = deferred;
    }

    // ------------------------------------------------------------------ the top of the dialog

    String headline(Note theirs) {
        return who(theirs) + " saved version " + theirs.version() + " of “" + DisplayText.title(theirs.title())
                + "” while you were editing.";
    }

    /** What a new round says before anything happened; {@code null}: nothing (the last notice stays). */
    String roundNotice() {
        return deferred
                ? "Save all: nothing is written until every conflicted note is resolved; then all the notes are saved together."
                : null;
    }

    /** @param deletedBy who deleted it, when the server said ({@code null}: nobody knows) */
    String deletedHeadline(String deletedBy) {
        return (deletedBy == null ? "This note was deleted on the server" : DisplayText.author(deletedBy) + " deleted this note")
                + " while you were editing it.";
    }

    String deletedNotice() {
        return "Your text is below and is not on the server. Re-create the note with it, or discard it."
                + (deferred ? " Nothing is written until every note of Save all is resolved." : "");
    }

    /** Another writer saved while the user merged: a new round starts. */
    String savedAgain(Note current) {
        return who(current) + " saved again while you were merging (version " + current.version()
                + "). Your merged text is now “yours”; review the new changes and save again.";
    }

    /** The merged tags, and which of them changed on which side. */
    String tags(MergeInput in) {
        List<String> merged = in.tags();
        List<String> notes = new ArrayList<>();
        for (String t : merged) {
            if (!in.base().tags().contains(t) && !in.mine().tags().contains(t)) {
                notes.add("+" + t + " (theirs)");
            }
        }
        for (String t : in.base().tags()) {
            if (!merged.contains(t)) {
                notes.add("−" + t + (in.theirs().tags().contains(t) ? " (yours)" : " (theirs)"));
            }
        }
        String list = merged.isEmpty() ? "none" : String.join(", ", merged);
        return notes.isEmpty() ? list : list + "   ·   " + String.join(", ", notes);
    }

    // ------------------------------------------------------------------ the chunk toolbar

    /**
     * The conflict counter: how many of {@code total} conflicts (the title's included) are still open, or, when
     * there were none, how many changes merged on their own.
     */
    String counter(int total, int left, int changes) {
        if (total == 0) {
            return "No conflicts — " + changes + (changes == 1 ? " change" : " changes") + " merged automatically";
        }
        if (left == 0) {
            return total == 1 ? "The conflict is resolved" : "All " + total + " conflicts resolved";
        }
        return left + " of " + total + (total == 1 ? " conflict" : " conflicts") + " left";
    }

    /** The selected change in words: what kind it is, how it is decided, and where (1-based line of the result). */
    String chunkDescription(ChunkKind kind, Resolution resolution, int line) {
        return chunkDescription(kind, resolution, line, false);
    }

    /** The same for a change whose automatic merge the user undid ({@code reopened}): now a conflict they decide. */
    String chunkDescription(ChunkKind kind, Resolution resolution, int line, boolean reopened) {
        String what = reopened ? "Both changed different words: merge undone" : switch (kind) {
            case UNCHANGED -> "Unchanged text";
            case MINE -> "Changed by you";
            case THEIRS -> "Changed by them";
            case BOTH_SAME -> "Changed the same way by both";
            case RESOLVED -> "Both changed different words: merged automatically";
            case CONFLICT -> "Conflict: both changed these lines";
        };
        String state = switch (resolution) {
            case AUTO -> kind == ChunkKind.UNCHANGED ? "" : " (applied)";
            case UNRESOLVED -> " (undecided)";
            case MINE -> " → yours";
            case THEIRS -> " → theirs";
            case BOTH_MINE_FIRST -> " → both, yours first";
            case BOTH_THEIRS_FIRST -> " → both, theirs first";
            case BASE -> " → original";
            case EDITED -> " → edited by hand";
        };
        return what + state + ", line " + line;
    }

    /** The title selected by F7: it is a conflict, decided or not. */
    String titleDescription(Resolution resolution) {
        String state = switch (resolution) {
            case UNRESOLVED -> " (undecided)";
            case MINE -> " → yours";
            case THEIRS -> " → theirs";
            case EDITED -> " → edited by hand";
            default -> "";
        };
        return "Title: both changed it" + state;
    }

    /** The word beside the merged title: how it came about ({@code kind}: how the titles merged). */
    String titleState(Resolution resolution, ChunkKind kind) {
        return switch (resolution) {
            case UNRESOLVED -> "conflict";
            case AUTO -> switch (kind) {
                case UNCHANGED -> "";
                case MINE -> "yours";
                case THEIRS -> "theirs";
                case BOTH_SAME -> "same";
                default -> "merged";
            };
            case EDITED -> "edited";
            default -> "decided";
        };
    }

    // ------------------------------------------------------------------ the buttons

    /** The primary button, with its mnemonic: the same Alt+S (and Ctrl+Enter) whenever the result is written. */
    String saveLabel() {
        return deferred ? "U_se merged" : "_Save merged";
    }

    String saveTooltip() {
        return deferred
                ? "Use the result; it is saved together with the other notes of Save all (Ctrl+Enter)"
                : "Save the result over their version (Ctrl+Enter)";
    }

    String savingMerged() {
        return "Saving the merged note…";
    }

    String savingMine() {
        return "Saving your version…";
    }

    String keepingTheirs() {
        return "Keeping their version (your text goes to the history)…";
    }

    String recreating() {
        return "Re-creating the note with your text…";
    }

    String keepMineConfirmation(Note theirs) {
        if (deferred) {
            return "Use your version over " + possessive(theirs) + " changes?\n\n"
                    + "Nothing is saved yet: your version is saved together with the other notes of Save all. "
                    + possessiveAtStart(theirs) + " version (version " + theirs.version()
                    + ") stays in the note's history on the server.";
        }
        return "Save your version over " + possessive(theirs) + " changes?\n\n"
                + possessiveAtStart(theirs) + " version (version " + theirs.version() + ") is not lost: it stays in the note's "
                + "history on the server and can be restored from there.";
    }

    /** The label of the confirmation's OK button for Keep mine. */
    String keepMineConfirmButton() {
        return deferred ? "Use my version" : "Save my version";
    }

    String takeTheirsConfirmation(Note theirs) {
        if (deferred) {
            return "Discard your changes to this note and keep " + possessive(theirs) + " version?\n\n"
                    + "Nothing is written for this note. Your changes stay in your draft until the other notes of "
                    + "Save all are saved; then the note shows " + possessive(theirs) + " version and your changes are dropped.";
        }
        return "Discard your changes and keep " + possessive(theirs) + " version?\n\n"
                + "Your changes are not lost: Concord first saves them to the note's history on the server (as version "
                + (theirs.version() + 1) + "), then makes " + possessive(theirs) + " text current again (version "
                + (theirs.version() + 2) + "). You can restore yours from the history.";
    }

    String discardConfirmation() {
        return "Discard your changes to this deleted note?\n\nThey were never saved to the server and cannot be recovered.";
    }

    /** A write that did not happen, and that the merge is still there to try again. */
    String failure(ApiResult<?> r) {
        if (r instanceof ApiResult.Unreachable<?> u) {
            return "The server cannot be reached (" + u.reason() + "). Nothing was saved; your merge is still here. Try again.";
        }
        if (r instanceof ApiResult.Unauthorized<?> u) {
            return "The server refused your identity: " + u.detail();
        }
        if (r instanceof ApiResult.Invalid<?> i) {
            return "The server rejected the note (" + i.status() + "): " + i.detail();
        }
        return "Unexpected answer: " + r;
    }

    // ------------------------------------------------------------------ names

    private static String who(Note n) {
        return DisplayText.author(n.updatedBy());
    }

    /** "Alice’s", or "the other" when the server names nobody. */
    private static String possessive(Note n) {
        String who = who(n);
        return who.equals(DisplayText.SOMEONE) ? "the other" : who + "’s";
    }

    /** The same at the start of a sentence (a name keeps its own spelling). */
    private static String possessiveAtStart(Note n) {
        String who = who(n);
        return who.equals(DisplayText.SOMEONE) ? "The other" : who + "’s";
    }
}
