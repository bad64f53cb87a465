package concord.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Where merge-file runs, as git sees it: the working directory and the environment. From them, the repository
 * around the working directory (git's discovery: {@code GIT_DIR}, else the nearest {@code .git} upwards, not past
 * {@code GIT_CEILING_DIRECTORIES}) and git's configuration in git's order, later wins: system
 * ({@code GIT_CONFIG_SYSTEM} or /etc/gitconfig, unless {@code GIT_CONFIG_NOSYSTEM}), global ({@code GIT_CONFIG_GLOBAL},
 * else the XDG file then ~/.gitconfig), the repository's, then {@code GIT_CONFIG_PARAMETERS} and
 * {@code GIT_CONFIG_COUNT}/{@code GIT_CONFIG_KEY_n}/{@code GIT_CONFIG_VALUE_n} (how {@code git -c} reaches a merge
 * driver). Files are read with JGit's parser (includes followed).
 *
 * @param cwd the working directory, absolute
 * @param env the environment variables
 */
record GitContext(Path cwd, Map<String, String> env) {

    /** The process's own directory and environment. */
    static GitContext ofProcess() {
        return new GitContext(Path.of("").toAbsolutePath(), System.getenv());
    }

    /** A bad configuration value: git dies with status 128. */
    static final class Fatal extends Exception {
        Fatal(String message) {
            super(message);
        }
    }

    /** The repository's git directory, if the working directory is inside one. */
    Optional<Path> gitDir() {
        String gitDir = env.get("GIT_DIR");
        if (gitDir != null && !gitDir.isEmpty()) {
            Path p = cwd.resolve(gitDir).normalize();
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder();
        String ceilings = env.get("GIT_CEILING_DIRECTORIES");
        if (ceilings != null) {
            for (String c : ceilings.split(File.pathSeparator)) {
                if (!c.isEmpty()) {
                    builder.addCeilingDirectory(new File(c));
                }
            }
        }
        builder.findGitDir(cwd.toFile());
        return Optional.ofNullable(builder.getGitDir()).map(File::toPath);
    }

    /** The value git would use for {@code section.name} (no subsection), if it is set anywhere. */
    Optional<String> config(String section, String name) throws Fatal {
        Optional<Path> gitDir = gitDir();
        String value = null;
        try {
            Config files = files(gitDir);
            if (files != null) {
                value = files.getString(section, null, name);
            }
        } catch (IOException | ConfigInvalidException e) {
            throw new Fatal("bad config: " + e.getMessage());
        }
        String key = (section + "." + name).toLowerCase(java.util.Locale.ROOT);
        for (String[] kv : commandLineConfig()) {
            if (kv[0].toLowerCase(java.util.Locale.ROOT).equals(key)) {
                value = kv[1];
            }
        }
        return Optional.ofNullable(value);
    }

    private Config files(Optional<Path> gitDir) throws IOException, ConfigInvalidException {
        List<Path> chain = new ArrayList<>();
        if (!env.containsKey("GIT_CONFIG_NOSYSTEM") || !truthy(env.get("GIT_CONFIG_NOSYSTEM"))) {
            chain.add(Path.of(env.getOrDefault("GIT_CONFIG_SYSTEM", "/etc/gitconfig")));
        }
        String global = env.get("GIT_CONFIG_GLOBAL");
        if (global != null) {
            chain.add(Path.of(global));
        } else {
            String xdg = env.get("XDG_CONFIG_HOME");
            String home = env.get("HOME");
            if (xdg != null && !xdg.isEmpty()) {
                chain.add(Path.of(xdg, "git", "config"));
            } else if (home != null) {
                chain.add(Path.of(home, ".config", "git", "config"));
            }
            if (home != null) {
                chain.add(Path.of(home, ".gitconfig"));
            }
        }
        if (gitDir.isPresent()) {
            chain.add(commonDir(gitDir.get()).resolve("config"));
        }
        Config config = null;
        for (Path p : chain) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            ConfigFile file = new ConfigFile(config, p);
            file.fromText(Files.readString(p, StandardCharsets.UTF_8));
            config = file;
        }
        return config;
    }

    /**
     * One configuration file, parsed by JGit, its {@code include.path}s read relative to it (or to the home
     * directory for {@code ~/}). Not JGit's FileBasedConfig: that one records file snapshots, which makes JGit
     * measure the file system's timestamp resolution and write the result under ~/.config/jgit on first use.
     */
    private final class ConfigFile extends Config {
        private final Path file;

        ConfigFile(Config base, Path file) {
            super(base);
            this.file = file;
        }

        @Override
        protected byte[] readIncludedConfig(String relPath) throws ConfigInvalidException {
            String home = env.get("HOME");
            Path included = relPath.startsWith("~/") && home != null ? Path.of(home, relPath.substring(2))
                    : file.resolveSibling(relPath);
            try {
                return Files.isRegularFile(included) ? Files.readAllBytes(included) : null;
            } catch (IOException e) {
                throw new ConfigInvalidException("cannot read " + included + ": " + e.getMessage());
            }
        }
    }

    /** A linked worktree's git directory names the repository's own in its {@code commondir} file. */
    private static Path commonDir(Path gitDir) throws IOException {
        Path pointer = gitDir.resolve("commondir");
        if (!Files.isRegularFile(pointer)) {
            return gitDir;
        }
        return gitDir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).strip()).normalize();
    }

    /** {@code git -c key=value} as git passes it on to the commands it runs. */
    private List<String[]> commandLineConfig() {
        List<String[]> out = new ArrayList<>();
        String parameters = env.get("GIT_CONFIG_PARAMETERS");
        if (parameters != null) {
            out.addAll(parseParameters(parameters));
        }
        String count = env.get("GIT_CONFIG_COUNT");
        if (count != null) {
            try {
                int n = Integer.parseInt(count.strip());
                for (int i = 0; i < n; i++) {
                    String k = env.get("GIT_CONFIG_KEY_" + i);
                    if (k != null) {
                        out.add(new String[] {k, env.get("GIT_CONFIG_VALUE_" + i)});
                    }
                }
            } catch (NumberFormatException e) {
                // git refuses to run with a bad count; a merge driver is not the place to report it
            }
        }
        return out;
    }

    /**
     * git's sq-quoted list: {@code 'key'='value'} (git 2.31+) or {@code 'key=value'} entries separated by spaces;
     * inside quotes, {@code '\''} stands for a quote.
     */
    static List<String[]> parseParameters(String text) {
        List<String[]> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    break;
                }
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(text, i + 1, end);
                i = end + 1;
            } else if (c == '\\' && i + 1 < text.length() && word != null) {
                word.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '=' && word != null) {
                words.add(word.toString());
                words.add("=");
                word = null;
                i++;
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                words.add(" ");
                i++;
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        // entries: KEY = VALUE, or a single "key=value" word
        for (int k = 0; k < words.size(); k++) {
            String w = words.get(k);
            if (w.equals(" ") || w.equals("=")) {
                continue;
            }
            if (k + 2 < words.size() && words.get(k + 1).equals("=") && !words.get(k + 2).equals(" ")) {
                out.add(new String[] {w, words.get(k + 2)});
                k += 2;
            } else if (k + 1 < words.size() && words.get(k + 1).equals("=")) {
                out.add(new String[] {w, ""});
                k += 1;
            } else {
                int eq = w.indexOf('=');
                out.add(eq < 0 ? new String[] {w, null} : new String[] {w.substring(0, eq), w.substring(eq + 1)});
            }
        }
        return out;
    }

    private static boolean truthy(String v) {
        String s = v.strip().toLowerCase(java.util.Locale.ROOT);
        return !(s.equals("0") || s.equals("false") || s.equals("no") || s.equals("off"));
    }
}
