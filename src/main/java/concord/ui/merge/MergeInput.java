package concord.ui.merge;

import concord.merge.ChunkKind;
import concord.merge.MergeResult;
import concord.merge.ThreeWayMerger;
import concord.model.Note;
import concord.model.NoteContent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the dialog shows for one round of a conflict, computed off the FX thread: the three versions,
 * the engine's body merge, the title merge and the merged tags.
 *
 * @param theirs    the server's version, or {@code null} when the note was deleted there (then {@code body} and
 *                  {@code title} are {@code null} too)
 * @param deletedBy who deleted the note, when it was deleted and the server said ({@code null} otherwise)
 */
public record MergeInput(Note base, NoteContent mine, Note theirs, MergeResult body, TitleMerge title, List<String> tags,
                         String deletedBy) {

    public MergeInput {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(mine, "mine");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public MergeInput(Note base, NoteContent mine, Note theirs, MergeResult body, TitleMerge title, List<String> tags) {
        this(base, mine, theirs, body, title, tags, null);
    }

    /** The same round, for a note {@code who} deleted. */
    public MergeInput deletedBy(String who) {
        return new MergeInput(base, mine, theirs, body, title, tags, who);
    }

    public boolean deletedOnServer() {
        return theirs == null;
    }

    /**
     * How the titles merged: {@code merged} is the automatic result, or {@code null} when the title is a conflict.
     * A title is one line, so it goes through the same engine as the body (which refines below the line).
     */
    public record TitleMerge(String base, String mine, String theirs, ChunkKind kind, String merged) {

        public boolean isConflict() {
            return kind == ChunkKind.CONFLICT;
        }
    }

    /** Runs the engine; blocking and CPU-bound, so call it on the I/O executor. */
    public static MergeInput prepare(ThreeWayMerger merger, Note base, NoteContent mine, Note theirs) {
        if (theirs == null) {
            return new MergeInput(base, mine, null, null, null, mine.tags());
        }
        MergeResult body = merger.merge(base.body(), mine.body(), theirs.body());
        return new MergeInput(base, mine, theirs, body, mergeTitle(merger, base.title(), mine.title(), theirs.title()),
                mergeTags(base.tags(), mine.tags(), theirs.tags()));
    }

    static TitleMerge mergeTitle(ThreeWayMerger merger, String base, String mine, String theirs) {
        if (mine.equals(theirs)) {
            return new TitleMerge(base, mine, theirs, mine.equals(base) ? ChunkKind.UNCHANGED : ChunkKind.BOTH_SAME, mine);
        }
        if (base.equals(mine)) {
            return new TitleMerge(base, mine, theirs, ChunkKind.THEIRS, theirs);
        }
        if (base.equals(theirs)) {
            return new TitleMerge(base, mine, theirs, ChunkKind.MINE, mine);
        }
        MergeResult r = merger.merge(base, mine, theirs);
        if (r.isClean()) {
            return new TitleMerge(base, mine, theirs, ChunkKind.RESOLVED, r.cleanText());
        }
        return new TitleMerge(base, mine, theirs, ChunkKind.CONFLICT, null);
    }

    /**
     * Tags merge as a set: a tag either side added is kept, a tag either side removed is removed. Adding and
     * removing the same tag cannot both happen (one needs it in base, the other needs it absent), so tags never
     * conflict. Order: mine's order, then theirs' additions.
     */
    static List<String> mergeTags(List<String> base, List<String> mine, List<String> theirs) {
        Set<String> result = new LinkedHashSet<>(mine);
        for (String t : base) {
            if (!theirs.contains(t)) {
                result.remove(t);
            }
        }
        for (String t : theirs) {
            if (!base.contains(t)) {
                result.add(t);
            }
        }
        return new ArrayList<>(result);
    }
}
