package io.storezero.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a run found, as {@code bench.json} (for tools) and {@code bench.md} (the table docs/performance.md quotes).
 * Absolute times on a shared 2-core machine drift by tens of percent between runs, so the number to read is the
 * ratio of a variant's median to keycloak-js check-sso's median in the same run; medians and p90 are there to show
 * the spread. The {@code server} section and the second table are the server alone ({@link ServerReport}).
 */
public final class BenchReport {

    /** Where each count of requests comes from, stated in the report so a reader can weigh it. */
    static final String REQUEST_COUNTING = "Chromium DevTools Network.requestWillBeSent events (ChromeDriver performance log) "
            + "between the start and the end of one measurement; each redirect hop counts as one request";

    private final Map<Variant, List<BenchBrowser.Sample>> samples = new EnumMap<>(Variant.class);
    private ServerReport server = ServerReport.skipped("server section skipped: not run");

    public void add(Variant variant, BenchBrowser.Sample sample) {
        samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(sample);
    }

    void server(ServerReport server) {
        this.server = server;
    }

    public List<BenchBrowser.Sample> samples(Variant variant) {
        return samples.getOrDefault(variant, List.of());
    }

    /** The machine and the run, for both files. */
    public record Machine(int cores, String cpu, String java, String chromium, String keycloak, String mode,
            int iterations, int warmup, String started) {
    }

    public ObjectNode json(Machine machine) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.set("machine", mapper.valueToTree(machine));
        ObjectNode browser = root.putObject("browser");
        browser.put("timed", "performance.now() in the bench page, from the start of the variant (iframe or popup created, "
                + "keycloak-js init called) to tokens in hand (an access token from the answer or from /token)");
        browser.put("requestCounting", REQUEST_COUNTING);
        browser.put("baseline", Variant.BASELINE.id());
        double baseline = median(millis(samples(Variant.BASELINE)));
        ArrayNode variants = browser.putArray("variants");
        for (Variant variant : Variant.values()) {
            List<BenchBrowser.Sample> list = samples(variant);
            List<Double> millis = millis(list);
            ObjectNode node = variants.addObject();
            node.put("id", variant.id());
            node.put("description", variant.description());
            node.put("measurements", list.size());
            node.put("withTokens", list.stream().filter(BenchBrowser.Sample::tokens).count());
            node.put("medianMs", round(median(millis)));
            node.put("p90Ms", round(percentile(millis, 0.90)));
            node.put("ratioToBaseline", round(median(millis) / baseline));
            node.put("requestsPerAuth", median(list.stream().map(s -> (double) s.requests()).toList()));
            ArrayNode raw = node.putArray("samplesMs");
            millis.forEach(m -> raw.add(round(m)));
            list.stream().map(BenchBrowser.Sample::error).filter(e -> e != null).distinct().forEach(e -> node.withArray("errors").add(e));
        }
        root.set("server", server.json(mapper));
        return root;
    }

    public String markdown(Machine machine) {
        StringBuilder md = new StringBuilder();
        md.append("| variant (same Keycloak, same run) | median ms | p90 ms | ratio to keycloak-js check-sso | requests/auth | with tokens |\n");
        md.append("|---|---|---|---|---|---|\n");
        double baseline = median(millis(samples(Variant.BASELINE)));
        for (Variant variant : Variant.values()) {
            List<BenchBrowser.Sample> list = samples(variant);
            List<Double> millis = millis(list);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %s | %d/%d |%n", variant.description(),
                    median(millis), percentile(millis, 0.90), median(millis) / baseline,
                    format(median(list.stream().map(s -> (double) s.requests()).toList())),
                    list.stream().filter(BenchBrowser.Sample::tokens).count(), list.size()));
        }
        md.append(String.format(Locale.ROOT, "%nMachine: %d cores, %s; Java %s; Chromium %s; Keycloak %s, %s. "
                + "%d measurements per variant after %d warm-up rounds, interleaved; started %s.%n",
                machine.cores(), machine.cpu(), machine.java(), machine.chromium(), machine.keycloak(), machine.mode(),
                machine.iterations(), machine.warmup(), machine.started()));
        md.append("Requests: ").append(REQUEST_COUNTING).append(".\n");
        md.append('\n').append(server.markdown());
        return md.toString();
    }

    /** Writes {@code bench.json} and {@code bench.md} into {@code out}; answers the Markdown file. */
    public Path write(Path out, Machine machine) {
        try {
            Files.createDirectories(out);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("bench.json").toFile(), json(machine));
            Path md = out.resolve("bench.md");
            Files.writeString(md, markdown(machine));
            return md;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Double> millis(List<BenchBrowser.Sample> list) {
        return list.stream().filter(BenchBrowser.Sample::tokens).map(BenchBrowser.Sample::millis).toList();
    }

    static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    /** Linear interpolation between the closest ranks; NaN for no values. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        double rank = p * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
    }

    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
