# HAProxy in front of the Keycloak nodes of the production topology. runner/cluster/haproxy-cfg.sh fills the @...@
# fields, for `./storezero cluster start` (written to $STOREZERO_STATE/cluster/haproxy.cfg) and for the lb service of
# docker/compose.cluster.yml alike. docs/production.md explains every line.
global
    maxconn 4096
    # The request log (one line per request, with the node that served it) goes to stdout: the runner's haproxy.log.
    log stdout format raw local0

defaults
    mode http
    log global
    option httplog
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-request 15s
    # A request whose node refused the connection is sent again, to another node: what keeps a node's loss invisible
    # between its death and the health check that marks it down.
    retries 2
    option redispatch 1
    # A request sent to a node that then died unanswered (kill -9: the connection closes empty) is retried too, on
    # the other node; the backend allows it for GET/HEAD only, never for a POST (a code exchange, a login form). So is
    # a GET a stopping node turned away with 503 (a graceful stop refuses new requests while it finishes the old ones).
    retry-on conn-failure empty-response 503

frontend keycloak
    bind @LB_BIND@:@LB_PORT@
    # The client's own forwarding headers are removed, never passed on: Keycloak reads them (proxy-headers=xforwarded).
    # Every X-Forwarded-* (Prefix too, which nothing here sets) and Forwarded; For, Proto, Host and Port are set anew.
    http-request del-header Forwarded
    http-request del-header X-Forwarded- -m beg
    http-request del-header X-Real-IP
    option forwardfor
    http-request set-header X-Forwarded-Proto http
    http-request set-header X-Forwarded-Host %[req.hdr(host)]
    http-request set-header X-Forwarded-Port %[dst_port]
    # A client that offers HTTP/2 over cleartext (Upgrade: h2c; Java's HttpClient does) would otherwise turn its
    # connection into a tunnel to one node: pinned there, and past every rule above for the requests that follow.
    http-request del-header HTTP2-Settings if { req.hdr(Upgrade) -i h2c }
    http-request del-header Upgrade if { req.hdr(Upgrade) -i h2c }
    default_backend keycloak_nodes

backend keycloak_nodes
    # Round robin and no stickiness: every request may land on any node, which is what the cluster must survive.
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 2s fall 2 rise 2
    # Which node answered: for an operator reading the browser's network log, and for the cluster tests.
    http-response set-header X-Storezero-Node %[srv_name]
    http-request disable-l7-retry unless METH_GET
@SOURCE@
@SERVERS@

listen stats
    bind @LB_BIND@:@STATS_PORT@
    stats enable
    stats uri /
    stats refresh 5s
