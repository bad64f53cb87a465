package concord.merge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges whose edits are whole lines on each side, so the line-level merge ({@code --no-refine}) must print exactly
 * what {@code git merge-file -p} prints. The line diffs of these cases are unambiguous (histogram and git's Myers
 * diff agree), so a mismatch is a formatting or merge-rule difference, not a diff-algorithm choice.
 */
final class GitCompatScenarios {

    /** Inputs as raw bytes (text given as ISO-8859-1 chars = bytes) so non-UTF-8 files can be expressed too. */
    record Scenario(String name, byte[] base, byte[] mine, byte[] theirs) {
        @Override
        public String toString() {
            return name;
        }
    }

    private GitCompatScenarios() {
    }

    static List<Scenario> all() {
        List<Scenario> s = new ArrayList<>(edges());
        String ten = lines("l", 10);
        s.add(utf8("three identical inputs", ten, ten, ten));
        s.add(utf8("only mine changed a line", ten, ten.replace("l3\n", "L3\n"), ten));
        s.add(utf8("only theirs changed a line", ten, ten, ten.replace("l3\n", "L3\n")));
        s.add(utf8("both changed lines far apart", ten, ten.replace("l2\n", "M2\n"), ten.replace("l8\n", "T8\n")));
        s.add(utf8("both changed the same line differently", ten, ten.replace("l5\n", "mine5\n"), ten.replace("l5\n", "theirs5\n")));
        s.add(utf8("both changed the same line identically", ten, ten.replace("l5\n", "same5\n"), ten.replace("l5\n", "same5\n")));
        s.add(utf8("both inserted different lines at the same point", ten,
                ten.replace("l4\n", "l4\nmine-a\nmine-b\n"), ten.replace("l4\n", "l4\ntheirs-a\n")));
        s.add(utf8("both inserted the same lines at the same point", ten,
                ten.replace("l4\n", "l4\nnew\n"), ten.replace("l4\n", "l4\nnew\n")));
        s.add(utf8("changes on adjacent lines conflict as in git", ten,
                ten.replace("l4\n", "M4\n"), ten.replace("l5\n", "T5\n")));
        s.add(utf8("changes one unchanged line apart merge cleanly", ten,
                ten.replace("l4\n", "M4\n"), ten.replace("l6\n", "T6\n")));
        s.add(utf8("mine deleted a line that theirs edited", ten,
                ten.replace("l6\n", ""), ten.replace("l6\n", "edited6\n")));
        s.add(utf8("both deleted the same lines", ten,
                ten.replace("l6\nl7\n", ""), ten.replace("l6\nl7\n", "")));
        s.add(utf8("mine deleted a block and theirs edited elsewhere", ten,
                ten.replace("l2\nl3\nl4\n", ""), ten.replace("l9\n", "T9\n")));
        s.add(utf8("overlapping multi-line edits form one conflict", ten,
                ten.replace("l3\nl4\n", "M3\nM4\n"), ten.replace("l4\nl5\n", "T4\nT5\n")));
        s.add(utf8("a chain of overlapping edits forms one conflict", ten,
                ten.replace("l2\nl3\n", "M2\nM3\n").replace("l5\nl6\n", "M5\nM6\n"),
                ten.replace("l3\nl4\nl5\n", "T3\nT4\nT5\n")));
        s.add(utf8("empty base and two different new files", "", "mine\nfile\n", "theirs\nfile\n"));
        s.add(utf8("mine emptied the file and theirs edited it", ten, "", ten.replace("l1\n", "T1\n")));
        s.add(utf8("all three files empty", "", "", ""));
        s.add(utf8("theirs created content from an empty base", "", "", "new\ncontent\n"));
        s.add(utf8("a conflict on the first line", ten, ten.replace("l1\n", "M1\n"), ten.replace("l1\n", "T1\n")));
        s.add(utf8("a conflict on the last line", ten, ten.replace("l10\n", "M10\n"), ten.replace("l10\n", "T10\n")));
        s.add(utf8("both appended different lines at the end", ten, ten + "mine-end\n", ten + "theirs-end\n"));
        s.add(utf8("mine prepended and theirs appended", ten, "top\n" + ten, ten + "bottom\n"));
        s.add(utf8("crlf file with a conflict gets crlf markers", crlf(ten),
                crlf(ten.replace("l5\n", "mine5\n")), crlf(ten.replace("l5\n", "theirs5\n"))));
        s.add(utf8("crlf file merges cleanly", crlf(ten),
                crlf(ten.replace("l2\n", "M2\n")), crlf(ten.replace("l8\n", "T8\n"))));
        s.add(utf8("crlf mine and lf theirs give lf markers", crlf(ten),
                crlf(ten).replace("l2\r\n", "M2\r\n").replace("l5\r\n", "mine5\r\n"),
                ten.replace("l5\n", "theirs5\n")));
        s.add(utf8("crlf file whose conflicting sides lack a final newline", crlf(ten),
                crlf(ten).replace("l10\r\n", "mine10"), crlf(ten).replace("l10\r\n", "theirs10")));
        s.add(utf8("both changed a last line that has no newline", "a\nb\nc", "a\nb\nmine-c", "a\nb\ntheirs-c"));
        s.add(utf8("mine added a final newline and theirs edited the top", "a\nb\nc", "a\nb\nc\n", "A\nb\nc"));
        s.add(utf8("one side has a final newline in the conflict and the other not", "a\nb\nc\n", "a\nb\nmine", "a\nb\ntheirs\n"));
        s.add(utf8("mine deleted the last line without newline and theirs changed it", "a\nb\nc", "a\nb\n", "a\nb\nC"));
        s.add(utf8("conflicts two lines apart", ten,
                ten.replace("l3\n", "M3\n").replace("l6\n", "M6\n"), ten.replace("l3\n", "T3\n").replace("l6\n", "T6\n")));
        s.add(utf8("conflicts four text lines apart", lines("l", 14),
                lines("l", 14).replace("l2\n", "M2\n").replace("l7\n", "M7\n"),
                lines("l", 14).replace("l2\n", "T2\n").replace("l7\n", "T7\n")));
        String blanks = "a\nb\n\n\n--\n\n\nc\nd\n";
        s.add(utf8("conflicts separated only by lines without letters or digits", blanks,
                blanks.replace("b\n", "mb\n").replace("c\n", "mc\n"), blanks.replace("b\n", "tb\n").replace("c\n", "tc\n")));
        String block = "head\nold1\nold2\nold3\ntail\n";
        s.add(utf8("both replaced a block with text sharing its first and last lines", block,
                block.replace("old1\nold2\nold3\n", "shared-top\nmine-mid\nshared-bottom\n"),
                block.replace("old1\nold2\nold3\n", "shared-top\ntheirs-mid\nshared-bottom\n")));
        s.add(utf8("both replaced a block with texts sharing many middle lines", block,
                block.replace("old1\nold2\nold3\n", "m-top\nk1\nk2\nk3\nk4\nk5\nm-bottom\n"),
                block.replace("old1\nold2\nold3\n", "t-top\nk1\nk2\nk3\nk4\nk5\nt-bottom\n")));
        String many = lines("line", 60);
        String manyMine = many;
        String manyTheirs = many;
        for (int i = 1; i <= 60; i += 6) {
            manyMine = manyMine.replace("line" + i + "\n", "mine" + i + "\n");
            manyTheirs = manyTheirs.replace("line" + i + "\n", "theirs" + i + "\n");
        }
        s.add(utf8("ten conflicts among unchanged lines", many, manyMine, manyTheirs));
        StringBuilder hb = new StringBuilder();
        StringBuilder hm = new StringBuilder();
        StringBuilder ht = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            hb.append("base").append(i).append("\nkeep a").append(i).append("\nkeep b\nkeep c\nkeep d\n");
            hm.append("mine").append(i).append("\nkeep a").append(i).append("\nkeep b\nkeep c\nkeep d\n");
            ht.append("theirs").append(i).append("\nkeep a").append(i).append("\nkeep b\nkeep c\nkeep d\n");
        }
        s.add(utf8("130 conflicts cap the exit status at 127", hb.toString(), hm.toString(), ht.toString()));
        s.add(utf8("accented and emoji lines conflict as whole lines", "café\nnaïve\n🙂 ok\n",
                "café\nnaïve!\n🙂 ok\n", "café\nNAÏVE\n🙂 ok\n"));
        s.add(new Scenario("latin-1 bytes that are not utf-8 survive", latin1("caf\u00e9\nna\u00efve\nend\n"),
                latin1("caf\u00e9\nmine na\u00efve\nend\n"), latin1("caf\u00e9\ntheirs na\u00efve\nend\n")));
        s.add(utf8("whitespace-only edits on the same line conflict without refinement", "a\nkeep  this\nz\n",
                "a\nkeep this\nz\n", "a\nkeep\tthis\nz\n"));
        s.add(utf8("mine deleted one line next to theirs' edit one line away", ten,
                ten.replace("l2\n", ""), ten.replace("l4\n", "T4\n")));
        s.add(utf8("crlf conflict where mine deleted the lines", crlf(ten),
                crlf(ten).replace("l4\r\nl5\r\n", ""), crlf(ten).replace("l5\r\n", "T5\r\n")));
        return s;
    }

    /**
     * The edges of git's rules: conflicts four unchanged lines apart (git joins any closer ones) are joined when
     * those lines have no ASCII letter or digit (each end of 0-9, A-Z, a-z and the character just outside); the
     * end-of-line of the markers follows the line before each conflict, and a side that is empty or one line
     * without a newline has no say.
     */
    static List<Scenario> edges() {
        List<Scenario> s = new ArrayList<>();
        for (String sep : List.of("/", "0", "9", ":", "@", "A", "Z", "[", "`", "a", "z", "{")) {
            String base = "a\nb\n" + (sep + "\n").repeat(4) + "c\nd\n";
            s.add(utf8("conflicts around four lines holding only '" + sep + "'", base,
                    base.replace("b\n", "mb\n").replace("c\n", "mc\n"), base.replace("b\n", "tb\n").replace("c\n", "tc\n")));
        }
        String mixed = "c1\r\nc2\r\nc3\r\nl4\nl5\nl6\nl7\nl8\n";
        s.add(utf8("crlf lines then lf lines: each conflict's markers end as the line before it", mixed,
                mixed.replace("c2\r\n", "M2\r\n").replace("l7\n", "M7\n"),
                mixed.replace("c2\r\n", "T2\r\n").replace("l7\n", "T7\n")));
        String crlfTen = crlf(lines("l", 10));
        s.add(utf8("crlf: mine emptied the file and theirs edited it", crlfTen, "", crlfTen.replace("l1\r\n", "T1\r\n")));
        s.add(utf8("crlf: mine is one line without a newline", crlfTen, "only", crlfTen.replace("l1\r\n", "T1\r\n")));
        s.add(utf8("crlf: mine's last line lacks its newline next to the conflict", crlfTen,
                crlfTen.replace("l9\r\nl10\r\n", "M9\r\nM10"), crlfTen.replace("l10\r\n", "T10\r\n")));
        return s;
    }

    static String lines(String prefix, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(prefix).append(i).append('\n');
        }
        return sb.toString();
    }

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }

    private static Scenario utf8(String name, String base, String mine, String theirs) {
        return new Scenario(name, base.getBytes(StandardCharsets.UTF_8), mine.getBytes(StandardCharsets.UTF_8),
                theirs.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
