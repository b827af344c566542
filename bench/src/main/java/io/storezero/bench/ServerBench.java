package io.storezero.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.storezero.load.BrokeredLogin;
import io.storezero.load.FacebookUsers;
import io.storezero.load.Http;
import io.storezero.load.LoadGenerator;
import io.storezero.load.ProcessCpu;
import io.storezero.load.Recording;
import io.storezero.load.Session;
import io.storezero.load.SilentAuthentication;
import io.storezero.load.SilentAuthentication.Flow;
import io.storezero.load.SilentAuthentication.ResponseMode;
import io.storezero.load.WarmUp;

/**
 * The server alone (issue 11): prompt=none silent authentications over plain HTTP with the load generator of
 * {@code load/}, no browser, so what is measured is Keycloak's own work per request. K users of the simulated Facebook
 * log in to the shipped storezero realm through the broker, as the SPA's users do ({@link BrokeredLogin}); their
 * sessions are then renewed round robin by 1, 4 and 16 closed-loop clients, fragment against web_message, each cell
 * in two blocks F W W F so that drift weighs on both; the warm-up before is chosen by measurement ({@link WarmUp}).
 * CPU-ms per request is the Keycloak JVM's own CPU time (/proc) over the block, divided by the block's requests.
 */
final class ServerBench {

    static final String REALM = "storezero";
    static final String BROKER = "facebook";
    static final String CLIENT = "storezero-spa";
    /** The warm-up's concurrency: the middle of the measured ones. */
    static final int WARM_UP_CLIENTS = 4;

    private final BenchAdmin admin;
    private final String keycloakUrl;
    private final ServerOptions options;
    private final KeycloakCpu cpu;
    private final HttpClient http = Http.client();

    private ServerBench(BenchAdmin admin, String keycloakUrl, ServerOptions options, KeycloakCpu cpu) {
        this.admin = admin;
        this.keycloakUrl = keycloakUrl;
        this.options = options;
        this.cpu = cpu;
    }

    /** Runs the section, or answers why it was skipped (a Keycloak without the shipped realms). */
    static ServerReport run(BenchAdmin admin, String keycloakUrl, Optional<Path> pidFile, ServerOptions options) {
        for (String realm : List.of(REALM, BROKER)) {
            if (!admin.realmExists(realm)) {
                return ServerReport.skipped("server section skipped: realm " + realm + " does not exist on " + keycloakUrl
                        + " (it needs the shipped realms storezero and facebook, as ./storezero start imports them)");
            }
        }
        Optional<String> redirectUri = admin.redirectUri(REALM, CLIENT);
        if (redirectUri.isEmpty() || redirectUri.get().contains("*")) {
            return ServerReport.skipped("server section skipped: client " + CLIENT + " of realm " + REALM + " on " + keycloakUrl
                    + " registers no exact redirect URI to renew sessions for");
        }
        return new ServerBench(admin, keycloakUrl, options, KeycloakCpu.of(pidFile)).measure(redirectUri.get());
    }

    private ServerReport measure(String appUrl) {
        Map<Flow, Map<ResponseMode, SilentAuthentication>> requests = new LinkedHashMap<>();
        for (Flow flow : options.flows()) {
            Map<ResponseMode, SilentAuthentication> byMode = new LinkedHashMap<>();
            for (ResponseMode mode : List.of(ResponseMode.FRAGMENT, ResponseMode.WEB_MESSAGE)) {
                byMode.put(mode, SilentAuthentication.storezeroSpa(keycloakUrl, appUrl, mode, flow));
            }
            requests.put(flow, byMode);
        }
        String prefix = "benchload-" + Long.toString(System.currentTimeMillis(), 36);
        try {
            List<Session> sessions = logIn(prefix, requests.values().iterator().next().get(ResponseMode.WEB_MESSAGE));
            WarmUp.Result warmUp = warmUp(requests, sessions);
            List<ServerReport.Cell> cells = new ArrayList<>();
            for (Flow flow : options.flows()) {
                for (int clients : options.clients()) {
                    cells.addAll(cell(flow, clients, requests.get(flow), sessions));
                }
            }
            return ServerReport.measured(options, appUrl, warmUp, cpu, cells);
        } finally {
            // The run's users, in the simulated Facebook and their brokered twins in storezero: nothing left behind.
            admin.deleteUsers(BROKER, prefix);
            admin.deleteUsers(REALM, prefix);
        }
    }

    private List<Session> logIn(String prefix, SilentAuthentication spa) {
        System.out.println("[bench] server: logging " + options.sessions() + " users in through the simulated Facebook");
        BrokeredLogin login = new BrokeredLogin(http, spa, BROKER);
        List<Session> sessions = new ArrayList<>();
        for (String user : FacebookUsers.create(admin.client(), BROKER, prefix, options.sessions())) {
            sessions.add(login.logIn(user, user));
        }
        return sessions;
    }

    /** Each warm-up interval runs every (flow, response mode) for an equal share of it; its throughput is theirs together. */
    private WarmUp.Result warmUp(Map<Flow, Map<ResponseMode, SilentAuthentication>> requests, List<Session> sessions) {
        List<SilentAuthentication> all = requests.values().stream().flatMap(m -> m.values().stream()).toList();
        Duration share = options.warmUp().interval().dividedBy(all.size());
        System.out.println("[bench] server: warm-up, " + options.warmUp().rule());
        WarmUp.Result result = options.warmUp().run(() -> {
            long successes = 0;
            for (SilentAuthentication request : all) {
                successes += block(request, WARM_UP_CLIENTS, share, sessions).successesInTime();
            }
            double throughput = successes / (share.toNanos() * all.size() / 1e9);
            System.out.printf(Locale.ROOT, "[bench] server: warm-up interval: %.1f req/s%n", throughput);
            return throughput;
        });
        System.out.println("[bench] server: warm-up " + result.length().toMillis() / 1000.0 + " s, "
                + (result.steady() ? "steady" : "cap reached"));
        return result;
    }

    /** One (flow, clients) pair: fragment and web_message in blocks F W W F of half a cell each. */
    private List<ServerReport.Cell> cell(Flow flow, int clients, Map<ResponseMode, SilentAuthentication> byMode, List<Session> sessions) {
        Duration half = options.perCell().dividedBy(2);
        Map<ResponseMode, List<Block>> blocks = new LinkedHashMap<>();
        for (ResponseMode mode : List.of(ResponseMode.FRAGMENT, ResponseMode.WEB_MESSAGE, ResponseMode.WEB_MESSAGE, ResponseMode.FRAGMENT)) {
            blocks.computeIfAbsent(mode, m -> new ArrayList<>()).add(block(byMode.get(mode), clients, half, sessions));
        }
        List<ServerReport.Cell> cells = new ArrayList<>();
        for (Map.Entry<ResponseMode, List<Block>> e : blocks.entrySet()) {
            List<Block> list = e.getValue();
            Recording.Interval total = Recording.total(list.stream().map(Block::recording).toList());
            long successesInTime = list.stream().mapToLong(Block::successesInTime).sum();
            // Null, not 0, when the JVM is not readable: a missing figure must not read as a free request.
            Double cpuMs = null;
            if (list.stream().allMatch(b -> b.cpuMs() != null)) {
                cpuMs = list.stream().mapToLong(Block::cpuMs).sum() / (double) Math.max(total.requests(), 1);
            }
            cells.add(new ServerReport.Cell(flow, clients, e.getKey(), total, successesInTime / (half.toNanos() * list.size() / 1e9), cpuMs));
        }
        System.out.printf(Locale.ROOT, "[bench] server: %s, %d clients: fragment %.1f req/s, web_message %.1f req/s%n",
                flow.name().toLowerCase(Locale.ROOT), clients, cells.get(0).requestsPerSecond(), cells.get(1).requestsPerSecond());
        return cells;
    }

    /**
     * One closed-loop block: its recording, the successes that ended within its time (what throughput counts; the
     * requests under way at the end finish after it and count for latency and CPU only) and the JVM's CPU meanwhile.
     */
    private record Block(Recording recording, long successesInTime, Long cpuMs) {
    }

    private Block block(SilentAuthentication request, int clients, Duration duration, List<Session> sessions) {
        Optional<Map<Long, Long>> before = cpu.read();
        Recording recording = new LoadGenerator(http, request, sessions).concurrent(clients, Duration.ZERO, duration, duration);
        Optional<Map<Long, Long>> after = cpu.read();
        List<Recording.Interval> intervals = recording.intervals();
        long inTime = intervals.isEmpty() ? 0 : intervals.get(0).requests() - intervals.get(0).failures();
        Long cpuMs = null;
        if (before.isPresent() && after.isPresent()) {
            cpuMs = ProcessCpu.delta(before.get(), after.get());
        }
        return new Block(recording, inTime, cpuMs);
    }
}
