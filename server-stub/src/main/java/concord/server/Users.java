package concord.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The users file: one {@code name:token} per line; blank lines and lines starting with {@code #} are ignored.
 * Names follow the {@code X-Concord-User} rules; tokens are at least 16 visible ASCII characters.
 */
final class Users {

    static final String FORMAT = """
            one user per line as NAME:TOKEN, e.g.
                # Concord users
                alice:7f3c9a1e0b2d4c6f8a9b
                bob:c0ffee00c0ffee00c0ffee
            NAME: 1-64 visible ASCII characters (spaces allowed inside, no ':'); TOKEN: at least 16
            visible ASCII characters. Blank lines and lines starting with # are ignored.""";

    private record Entry(String name, byte[] tokenDigest) {
    }

    private final List<Entry> entries;

    private Users(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static Users load(Path file) throws IOException {
        requirePrivate(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + "expected NAME:TOKEN");
            }
            String name = line.substring(0, colon).strip();
            String token = line.substring(colon + 1).strip();
            String nameProblem = Identity.nameProblem(name);
            if (nameProblem != null) {
                throw new IllegalArgumentException(where + "user name " + nameProblem);
            }
            if (token.length() < 16 || !token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException(where + "the token must be at least 16 visible ASCII characters");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + "user '" + name + "' is listed twice");
            }
            if (!tokens.add(token)) {
                throw new IllegalArgumentException(where + "this token is already given to another user");
            }
            entries.add(new Entry(name, digest(token)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": no users; " + FORMAT);
        }
        return new Users(entries);
    }

    /**
     * Refuses a users file that others could read or change, as ssh refuses such a key: its tokens are passwords,
     * and a file anyone can write lets anyone make themselves a user.
     */
    static void requirePrivate(Path file) throws IOException {
        requirePrivate(file, "the users file", "its tokens are passwords");
    }

    /** Refuses a file of secrets ({@code what}, {@code why}) that group or others could read or change. */
    static void requirePrivate(Path file, String what, String why) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        others.retainAll(mode);
        if (!others.isEmpty()) {
            throw new IllegalArgumentException(what + " " + file + " is open to other users (mode "
                    + PosixFilePermissions.toString(mode) + "): " + why + ". Make it private with"
                    + " 'chmod 600 " + file + "' and start again");
        }
    }

    /**
     * The user holding {@code token}. Compares digests with {@link MessageDigest#isEqual} against every entry,
     * without stopping early, so the time taken does not reveal how much of a token was right or which user matched.
     */
    Optional<String> userFor(String token) {
        byte[] presented = digest(token);
        String found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(presented, e.tokenDigest()) && found == null) {
                found = e.name();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
