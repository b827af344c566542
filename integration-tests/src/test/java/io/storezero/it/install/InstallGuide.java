package io.storezero.it.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release zip's INSTALL.md as a test reads it: its {@code ## } sections, each with its fenced blocks
 * ({@code ```bash} commands, plain {@code ```} outputs). The test runs the commands it finds here, so the document is
 * the script.
 */
final class InstallGuide {

    /** One fenced block: its info string ({@code bash}, or empty) and its text. */
    record Block(String language, String text) {
    }

    /** A {@code ## } section: its heading and its fenced blocks, in order. */
    record Section(String heading, List<Block> blocks) {

        /** The one {@code bash} block of the section; a second would be a command the test does not run. */
        String command() {
            List<Block> bash = blocks.stream().filter(b -> b.language().equals("bash")).toList();
            if (bash.size() != 1) {
                throw new AssertionError("INSTALL.md section '" + heading + "' has " + bash.size()
                        + " bash blocks; InstallRecipeIT runs exactly one per section");
            }
            return bash.get(0).text();
        }

        /** The section's one plain block: a documented output. */
        String output() {
            List<Block> plain = blocks.stream().filter(b -> b.language().isEmpty()).toList();
            if (plain.size() != 1) {
                throw new AssertionError("INSTALL.md section '" + heading + "' has " + plain.size() + " plain blocks, expected one output");
            }
            return plain.get(0).text();
        }
    }

    private final String text;
    private final Map<String, Section> sections;

    private InstallGuide(String text, Map<String, Section> sections) {
        this.text = text;
        this.sections = sections;
    }

    static InstallGuide read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InstallGuide parse(String text) {
        Map<String, Section> sections = new LinkedHashMap<>();
        String heading = "";
        List<Block> blocks = new ArrayList<>();
        String fence = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (fence != null) {
                if (line.equals("```")) {
                    blocks.add(new Block(fence, body.toString()));
                    fence = null;
                    body.setLength(0);
                } else {
                    body.append(line).append('\n');
                }
            } else if (line.startsWith("```")) {
                fence = line.substring(3).trim();
            } else if (line.startsWith("## ")) {
                sections.put(heading, new Section(heading, blocks));
                heading = line.substring(3).trim();
                blocks = new ArrayList<>();
            }
        }
        sections.put(heading, new Section(heading, blocks));
        return new InstallGuide(text, sections);
    }

    /** The section whose heading starts with {@code prefix} (e.g. "1.", "Try it locally"); exactly one must. */
    Section section(String prefix) {
        List<Section> found = sections.values().stream().filter(s -> s.heading().startsWith(prefix)).toList();
        if (found.size() != 1) {
            throw new AssertionError("INSTALL.md has " + found.size() + " sections starting with '" + prefix + "': " + sections.keySet());
        }
        return found.get(0);
    }

    /** The headings of every section that holds a {@code bash} block. */
    List<String> sectionsWithCommands() {
        return sections.values().stream().filter(s -> s.blocks().stream().anyMatch(b -> b.language().equals("bash")))
                .map(Section::heading).toList();
    }

    /** Whether the prose or a block mentions {@code words} (an option the test adds must be one the document offers). */
    boolean mentions(String words) {
        return text.contains(words);
    }
}
