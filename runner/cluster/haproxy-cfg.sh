#!/bin/sh
# Writes the HAProxy configuration of the production topology to stdout: haproxy.cfg.tpl (next to this script) with
# its @...@ fields filled. The one renderer both ways to run the topology call, so their balancers cannot drift:
#   runner/cluster.sh            nodes on loopback ports, balancer on 127.0.0.1
#   docker/compose.cluster.yml   the lb service, at its start: nodes by service name, balancer on all container addresses
#
#   [STOREZERO_LB_SOURCE=ADDRESS] haproxy-cfg.sh BIND PORT STATS_PORT NAME=HOST:PORT:MGMT_PORT...
# STOREZERO_LB_SOURCE: the address the balancer connects to the nodes from (the runner's 127.0.0.2, the one address
# its nodes take forwarding headers from); unset, the system picks it.
# POSIX sh and awk only: it runs in the lb container too.
set -eu
[ $# -ge 4 ] || { echo "usage: haproxy-cfg.sh BIND PORT STATS_PORT NAME=HOST:PORT:MGMT_PORT..." >&2; exit 2; }
bind=$1 port=$2 stats=$3
source=""
[ -z "${STOREZERO_LB_SOURCE:-}" ] || source="    source $STOREZERO_LB_SOURCE"
shift 3
servers=""
for node in "$@"; do
  name=${node%%=*} address=${node#*=}
  mgmt=${address##*:} address=${address%:*}
  servers="$servers    server $name $address check port $mgmt
"
done
# The server lines go in through awk's -v: sed would need them escaped.
awk -v servers="${servers%
}" -v bind="$bind" -v port="$port" -v stats="$stats" -v source="$source" '
  { gsub(/@LB_BIND@/, bind); gsub(/@LB_PORT@/, port); gsub(/@STATS_PORT@/, stats) }
  /^@SERVERS@$/ { print servers; next }
  /^@SOURCE@$/ { if (source != "") print source; next }
  { print }' "$(dirname "$0")/haproxy.cfg.tpl"
