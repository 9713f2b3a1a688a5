package id.perisai.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.DemoApp;
import id.perisai.api.support.PackagedApp;

/**
 * quality.md C6: every {@code bash} block of the README that calls the API runs as written, in order, in one bash
 * session (as a reader pastes them into one terminal), against the packaged app with the dev seed on a fresh schema —
 * the only change is the address, {@code http://localhost:8080} becoming the test app's. Each block runs with
 * {@code set -euo pipefail} in a fresh directory, so an elided command, an unset variable, a missing file or a failing
 * {@code jq} fails the test. Every HTTP answer must be a 2xx unless the block shows that status ({@code → 401},
 * {@code HTTP/1.1 429 …}), and every status a block shows must really be answered.
 */
class ReadmeIT {

    static final Path README = Path.of("README.md");
    static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    static final Pattern SHOWN = Pattern.compile("(?:→|HTTP/1\\.1) (\\d{3})\\b");
    static final Pattern ANSWERED = Pattern.compile("^README-HTTP (\\d{3}) (\\S+) (\\S+)$", Pattern.MULTILINE);

    /** The README's blocks that call the API. */
    static List<String> blocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(README));
        while (m.find()) {
            if (m.group(1).contains("curl ") && m.group(1).contains("http://localhost:8080")) {
                blocks.add(m.group(1));
            }
        }
        return blocks;
    }

    @Test
    void everyCurlBlockOfTheReadmeRunsAsWritten() throws Exception {
        List<String> blocks = blocks();
        assertTrue(blocks.size() >= 5, "curl blocks found: " + blocks.size());
        PackagedApp app = DemoApp.start("perisai_readme");
        try {
            Path dir = Files.createTempDirectory("readme-walkthroughs");
            StringBuilder script = new StringBuilder("""
                    set -euo pipefail
                    # every answer's status, for the test (curl 7.63+ writes %{stderr} to standard error)
                    curl() { command curl -w '%{stderr}README-HTTP %{http_code} %{method} %{url_effective}\\n' "$@"; }
                    """);
            for (int i = 0; i < blocks.size(); i++) {
                script.append("echo 'README-BLOCK ").append(i).append("' >&2\n");
                script.append("mkdir -p block-").append(i).append(" && cd block-").append(i).append('\n');
                script.append(blocks.get(i).replace("http://localhost:8080", "http://localhost:" + app.port()));
                script.append("\ncd ..\n");
            }
            Files.writeString(dir.resolve("readme.sh"), script);
            Process bash = new ProcessBuilder("bash", "readme.sh").directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            assertTrue(bash.waitFor(10, TimeUnit.MINUTES), "the README's blocks did not finish in 10 minutes");
            String out = Files.readString(dir.resolve("stdout.txt"));
            String err = Files.readString(dir.resolve("stderr.txt"));
            System.out.println(out);
            assertEquals(0, bash.exitValue(), "a README block failed (set -euo pipefail):\n" + tail(err) + "\n" + tail(out));

            String[] perBlock = err.split("README-BLOCK ");
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                String block = blocks.get(i);
                String answers = perBlock[i + 1];
                Set<String> shown = new TreeSet<>();
                Matcher s = SHOWN.matcher(block);
                while (s.find()) {
                    shown.add(s.group(1));
                }
                Set<String> seen = new TreeSet<>();
                Matcher a = ANSWERED.matcher(answers);
                while (a.find()) {
                    seen.add(a.group(1));
                    if (!a.group(1).startsWith("2") && !shown.contains(a.group(1))) {
                        problems.add("block " + i + ": " + a.group(2) + " " + a.group(3) + " answered " + a.group(1)
                                + ", which the block does not show");
                    }
                }
                for (String status : shown) {
                    if (!seen.contains(status)) {
                        problems.add("block " + i + " shows " + status + ", never answered (answers: " + seen + ")");
                    }
                }
                assertFalse(seen.isEmpty(), "block " + i + " called nothing");
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + tail(err));
        } finally {
            app.stop();
        }
    }

    static String tail(String text) {
        return text.length() > 8000 ? text.substring(text.length() - 8000) : text;
    }
}
