package concord.ui.merge;

import concord.ui.merge.PaneStyles.ParagraphStyle;
import concord.ui.merge.PaneStyles.WordSpan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional;

/**
 * Puts {@link PaneStyles}' classes on the panes' text: a whole round as one styled document, then only what
 * changes. It remembers which paragraphs of each area carry a class, so restyling looks at those and not at all
 * 10,000 lines of a big note.
 */
final class PaneStyler {

    private final MergeDialogViewModel vm;
    /** Per area, the paragraphs that carry a style class. */
    private final Map<CodeArea, Set<Integer>> styled = new HashMap<>();

    PaneStyler(MergeDialogViewModel vm) {
        this.vm = vm;
    }

    /**
     * Puts {@code pane}'s text with its word and line styles into {@code a} as one change: styling a 10,000-line
     * note paragraph by paragraph would be thousands of changes, each re-laid out.
     */
    void load(CodeArea a, Pane pane, String text) {
        List<ParagraphStyle> pars = vm.styles().paragraphs(pane, current());
        a.replace(0, a.getLength(), styledDocument(a, text, pars, vm.styles().words(pane, 0, text.length())));
        Set<Integer> marked = new HashSet<>();
        pars.forEach(ps -> marked.add(ps.paragraph()));
        styled.put(a, marked);
    }

    /** The line styles of {@code pane} again (the current chunk moved, or a chunk was decided). */
    void restyleLines(CodeArea a, Pane pane) {
        applyParagraphs(a, vm.styles().paragraphs(pane, current()));
    }

    /** The result's chars {@code [from, to)} changed: their word styles, and the line styles around them. */
    void restyleResult(CodeArea a, int from, int to) {
        int f = Math.max(0, Math.min(from, a.getLength()));
        int t = Math.max(f, Math.min(to, a.getLength()));
        applyWords(a, f, t, vm.styles().words(Pane.RESULT, f, t));
        // lines split inside the edited range inherit their neighbour's style: look at those too
        Set<Integer> around = styled.computeIfAbsent(a, k -> new HashSet<>());
        int p0 = a.offsetToPosition(f, TwoDimensional.Bias.Forward).getMajor();
        int p1 = a.offsetToPosition(t, TwoDimensional.Bias.Forward).getMajor();
        for (int i = Math.max(0, p0 - 1); i <= p1 + 1; i++) {
            around.add(i);
        }
        restyleLines(a, Pane.RESULT);
    }

    private int current() {
        return vm.chunks().currentChunkProperty().get();
    }

    private static ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> styledDocument(
            CodeArea a, String text, List<ParagraphStyle> paragraphs, List<WordSpan> words) {
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
                new ReadOnlyStyledDocumentBuilder<>(a.getSegOps(), Collections.emptyList());
        int pi = 0;
        int wi = 0;
        int pos = 0;
        int par = 0;
        while (true) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
            int p = pos;
            while (wi < words.size() && words.get(wi).start() < end) {
                WordSpan w = words.get(wi);
                int ws = Math.max(w.start(), pos);
                int we = Math.min(w.end(), end);
                if (ws > p) {
                    spans.add(Collections.emptyList(), ws - p);
                }
                if (we > ws) {
                    spans.add(List.of(w.styleClass()), we - ws);
                    p = we;
                }
                if (w.end() <= end) {
                    wi++;
                } else {
                    break;
                }
            }
            spans.add(Collections.emptyList(), end - p);
            List<String> parStyle = new ArrayList<>();
            while (pi < paragraphs.size() && paragraphs.get(pi).paragraph() <= par) {
                if (paragraphs.get(pi).paragraph() == par) {
                    parStyle.addAll(paragraphs.get(pi).classes());
                }
                pi++;
            }
            doc.addParagraph(text.substring(pos, end), spans.create(), parStyle);
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            par++;
        }
        return doc.build();
    }

    private static void applyWords(CodeArea a, int from, int to, List<WordSpan> spans) {
        if (to <= from) {
            return;
        }
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int pos = from;
        for (WordSpan w : spans) {
            if (w.start() > pos) {
                b.add(Collections.emptyList(), w.start() - pos);
            }
            b.add(List.of(w.styleClass()), w.end() - w.start());
            pos = w.end();
        }
        if (to > pos) {
            b.add(Collections.emptyList(), to - pos);
        }
        a.setStyleSpans(from, b.create());
    }

    /** Sets the wanted paragraph classes and clears stale ones, looking only at paragraphs that are or were styled. */
    private void applyParagraphs(CodeArea a, List<ParagraphStyle> wanted) {
        int n = a.getParagraphs().size();
        Map<Integer, List<String>> want = new HashMap<>();
        for (ParagraphStyle ps : wanted) {
            if (ps.paragraph() < n) {
                want.merge(ps.paragraph(), ps.classes(), (x, y) -> {
                    List<String> m = new ArrayList<>(x);
                    m.addAll(y);
                    return m;
                });
            }
        }
        TreeSet<Integer> check = new TreeSet<>(want.keySet());
        check.addAll(styled.getOrDefault(a, Set.of()));
        for (int i : check) {
            if (i >= n) {
                continue;
            }
            Collection<String> have = a.getParagraph(i).getParagraphStyle();
            List<String> w = want.getOrDefault(i, List.of());
            if (have.size() != w.size() || !have.containsAll(w)) {
                a.setParagraphStyle(i, w);
            }
        }
        styled.put(a, new HashSet<>(want.keySet()));
    }
}
