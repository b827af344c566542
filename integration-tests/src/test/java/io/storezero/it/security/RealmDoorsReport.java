package io.storezero.it.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Per realm: doors tried, doors open (the build fails unless 0), as a table on stdout and as JSON for the record. */
final class RealmDoorsReport {

    private record Realm(String file, String name, List<RealmDoorsAttempt> attempts) {

        long open() {
            return attempts.stream().filter(RealmDoorsAttempt::open).count();
        }
    }

    private final List<Realm> realms = new ArrayList<>();

    synchronized void add(String file, String name, List<RealmDoorsAttempt> attempts) {
        realms.add(new Realm(file, name, List.copyOf(attempts)));
    }

    synchronized String table() {
        StringBuilder out = new StringBuilder(String.format("%-58s %-26s %7s %5s%n", "realm file", "realm", "tried", "open"));
        for (Realm realm : realms) {
            out.append(String.format("%-58s %-26s %7d %5d%n", realm.file(), realm.name(), realm.attempts().size(), realm.open()));
            realm.attempts().stream().filter(RealmDoorsAttempt::open).forEach(a -> out.append("    OPEN: ").append(a.describe()).append('\n'));
        }
        return out.toString();
    }

    synchronized void write(Path file) {
        ObjectNode root = RealmDoorsJson.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("realms");
        for (Realm realm : realms) {
            ObjectNode entry = list.addObject();
            entry.put("file", realm.file()).put("realm", realm.name())
                    .put("doorsTried", realm.attempts().size()).put("doorsOpen", realm.open());
            ArrayNode doors = entry.putArray("doors");
            realm.attempts().forEach(a -> doors.add(RealmDoorsJson.MAPPER.valueToTree(Map.of("door", a.door(), "flow", a.flow(),
                    "client", a.client(), "detail", a.detail(), "status", a.status(), "open", a.open()))));
        }
        try {
            Files.createDirectories(file.getParent());
            RealmDoorsJson.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
