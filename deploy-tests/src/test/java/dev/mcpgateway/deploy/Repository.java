package dev.mcpgateway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository files these tests check, resolved from the module directory Maven runs them in. */
final class Repository {

    static final Path ROOT = root();
    static final Path CHART = ROOT.resolve("helm/mcp-auth-gateway");

    private Repository() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("helm/mcp-auth-gateway"))
                    && Files.isRegularFile(candidate.resolve("gateway/pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }
}
