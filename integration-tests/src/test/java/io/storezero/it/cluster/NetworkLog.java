package io.storezero.it.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storezero.it.cluster.ClusterTopology.Node;
import io.storezero.it.support.Chromium;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Which Keycloak node answered each response the browser received, from Chromium's DevTools network events: through
 * the balancer, HAProxy's {@code X-Storezero-Node} header says it (redirects included, which never reach a page);
 * a request the browser sent to a node's own URL was answered by that node.
 */
final class NetworkLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One response: its URL, status, the node that answered it, and where it redirected to (empty if it did not). */
    record Hop(String url, int status, Node node, String location) {
    }

    private final List<Hop> hops;

    private NetworkLog(List<Hop> hops) {
        this.hops = hops;
    }

    /** The responses since the last call (reading empties Chromium's log). */
    static NetworkLog read(Chromium browser) {
        List<Hop> hops = new ArrayList<>();
        for (LogEntry entry : browser.driver().manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asText();
                JsonNode response = switch (method) {
                    case "Network.responseReceived" -> message.path("params").path("response");
                    case "Network.requestWillBeSent" -> message.path("params").path("redirectResponse");
                    default -> null;
                };
                if (response != null && !response.isMissingNode()) {
                    String url = response.path("url").asText();
                    Node node = nodeOf(url, response.path("headers"));
                    if (node != null) {
                        hops.add(new Hop(url, response.path("status").asInt(), node, header(response.path("headers"), "Location")));
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable DevTools event", e);
            }
        }
        return new NetworkLog(hops);
    }

    private static String header(JsonNode headers, String name) {
        for (Map.Entry<String, JsonNode> header : (Iterable<Map.Entry<String, JsonNode>>) headers::fields) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().asText().trim();
            }
        }
        return "";
    }

    private static Node nodeOf(String url, JsonNode headers) {
        String served = header(headers, "X-Storezero-Node");
        if (!served.isEmpty()) {
            return Node.byName(served);
        }
        for (int i = 1; i <= ClusterTopology.NODES; i++) {
            Node node = new Node(i);
            if (url.startsWith(node.url() + "/")) {
                return node;
            }
        }
        return null;
    }

    List<Hop> hops() {
        return List.copyOf(hops);
    }

    /**
     * The node whose response redirected the browser to a URL starting with {@code target}: for the redirect back to
     * the SPA with a code, the node that finished the login and attached the user session to it.
     */
    Node nodeThatRedirectedTo(String target) {
        List<Node> nodes = hops.stream().filter(hop -> hop.location().startsWith(target)).map(Hop::node).distinct().toList();
        if (nodes.size() != 1) {
            throw new AssertionError("expected one node to redirect to " + target + ", found " + nodes + " in " + hops);
        }
        return nodes.get(0);
    }

    /** The one response to a request whose path starts with {@code path}. */
    Hop only(String path) {
        List<Hop> found = hops.stream().filter(hop -> java.net.URI.create(hop.url()).getPath().startsWith(path)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one response to " + path + ", found " + found + " in " + hops);
        }
        return found.get(0);
    }
}
