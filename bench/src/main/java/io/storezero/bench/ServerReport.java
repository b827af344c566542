package io.storezero.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storezero.load.Recording;
import io.storezero.load.Reports;
import io.storezero.load.SilentAuthentication.Flow;
import io.storezero.load.SilentAuthentication.ResponseMode;
import io.storezero.load.WarmUp;

/**
 * What the server section found, as the {@code server} object of {@code bench.json} and the second table of
 * {@code bench.md}; or why it did not run. The number to read is the ratio column: web_message's throughput over
 * fragment's at the same flow and client count, same server, same run, interleaved.
 */
final class ServerReport {

    static final String METHOD = "prompt=none GET /realms/storezero/protocol/openid-connect/auth over plain HTTP/1.1 (the load "
            + "generator of load/, no browser), client storezero-spa, a fresh state and nonce (and PKCE challenge) each; "
            + "K users of the simulated Facebook logged in through the broker first, their sessions renewed round robin; "
            + "closed-loop clients (each sends its next request when its last one answered); code rows stop at the code "
            + "(no /token); a success is tokens or a code in the answer";

    /** One measured cell: a flow, a client count, a response mode; latencies of successes, throughput of successes. */
    record Cell(Flow flow, int clients, ResponseMode mode, Recording.Interval total, double requestsPerSecond, Double cpuMsPerRequest) {
    }

    private final String skipped;
    private final ServerOptions options;
    private final String appUrl;
    private final WarmUp.Result warmUp;
    private final KeycloakCpu cpu;
    private final List<Cell> cells;

    private ServerReport(String skipped, ServerOptions options, String appUrl, WarmUp.Result warmUp, KeycloakCpu cpu, List<Cell> cells) {
        this.skipped = skipped;
        this.options = options;
        this.appUrl = appUrl;
        this.warmUp = warmUp;
        this.cpu = cpu;
        this.cells = cells;
    }

    static ServerReport skipped(String reason) {
        return new ServerReport(reason, null, null, null, null, List.of());
    }

    static ServerReport measured(ServerOptions options, String appUrl, WarmUp.Result warmUp, KeycloakCpu cpu, List<Cell> cells) {
        return new ServerReport(null, options, appUrl, warmUp, cpu, List.copyOf(cells));
    }

    List<Cell> cells() {
        return cells;
    }

    ObjectNode json(ObjectMapper mapper) {
        ObjectNode server = mapper.createObjectNode();
        if (skipped != null) {
            server.put("skipped", skipped);
            return server;
        }
        server.put("method", METHOD);
        server.put("appRedirectUri", appUrl);
        server.put("sessions", options.sessions());
        server.put("secondsPerCell", options.perCell().toMillis() / 1000.0);
        server.put("order", "per flow and client count: fragment, web_message, web_message, fragment, half a cell each");
        ObjectNode warm = server.putObject("warmUp");
        warm.put("rule", options.warmUp().rule());
        warm.put("clients", ServerBench.WARM_UP_CLIENTS);
        warm.put("eachInterval", "every flow and response mode measured, an equal share of the interval each");
        ArrayNode throughputs = warm.putArray("intervalsRequestsPerSecond");
        warmUp.throughputs().forEach(t -> throughputs.add(round(t)));
        warm.put("chosenSeconds", warmUp.length().toMillis() / 1000.0);
        warm.put("steady", warmUp.steady());
        ObjectNode cpuNode = server.putObject("cpu");
        cpuNode.put("measured", cpu.measured());
        cpuNode.put(cpu.measured() ? "source" : "reason", cpu.source());
        ArrayNode array = server.putArray("cells");
        for (Cell cell : cells) {
            ObjectNode node = array.addObject();
            node.put("flow", id(cell.flow()));
            node.put("clients", cell.clients());
            node.put("responseMode", id(cell.mode()));
            node.put("requests", cell.total().requests());
            node.put("successes", cell.total().requests() - cell.total().failures());
            node.put("failures", cell.total().failures());
            node.set("failuresByReason", mapper.valueToTree(cell.total().failuresByReason()));
            node.put("requestsPerSecond", round(cell.requestsPerSecond()));
            node.put("p50Ms", round(cell.total().p50Millis()));
            node.put("p99Ms", round(cell.total().p99Millis()));
            if (cell.cpuMsPerRequest() == null) {
                node.putNull("cpuMsPerRequest");
            } else {
                node.put("cpuMsPerRequest", round(cell.cpuMsPerRequest()));
            }
            node.put("throughputRatioToFragment", round(ratio(cell)));
        }
        return server;
    }

    String markdown() {
        if (skipped != null) {
            return "Server alone: " + skipped + ".\n";
        }
        StringBuilder md = new StringBuilder();
        md.append("| server alone: flow | clients | response mode | req/s | p50 ms | p99 ms | CPU-ms/req | req/s ratio to fragment | requests | failures |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Cell cell : cells) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %.1f | %s | %.2f | %d | %s |%n", id(cell.flow()),
                    cell.clients(), id(cell.mode()), cell.requestsPerSecond(), cell.total().p50Millis(), cell.total().p99Millis(),
                    cell.cpuMsPerRequest() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", cell.cpuMsPerRequest()),
                    ratio(cell), cell.total().requests(), Reports.failures(cell.total())));
        }
        md.append(String.format(Locale.ROOT, "%nServer alone: %s. K = %d sessions; %s s per cell, in blocks F W W F.%n",
                METHOD, options.sessions(), format(options.perCell().toMillis() / 1000.0)));
        md.append(String.format(Locale.ROOT, "Warm-up: %s, at %d clients; ran %s (req/s) = %s s, %s.%n", options.warmUp().rule(),
                ServerBench.WARM_UP_CLIENTS, warmUp.throughputs().stream().map(t -> String.format(Locale.ROOT, "%.1f", t))
                        .collect(Collectors.joining(", ")), format(warmUp.length().toMillis() / 1000.0),
                warmUp.steady() ? "the last two agreed" : "stopped at the cap, not steady"));
        md.append("CPU-ms: ").append(cpu.source()).append(".\n");
        return md.toString();
    }

    /** This cell's throughput over fragment's at the same flow and client count (1.00 for fragment itself). */
    private double ratio(Cell cell) {
        double fragment = cells.stream().filter(c -> c.flow() == cell.flow() && c.clients() == cell.clients()
                && c.mode() == ResponseMode.FRAGMENT).mapToDouble(Cell::requestsPerSecond).findFirst().orElse(Double.NaN);
        return cell.requestsPerSecond() / fragment;
    }

    private static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static double round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? value : Math.round(value * 100) / 100.0;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
