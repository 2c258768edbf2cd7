# One member of the managed Redis in Sentinel mode; run as: sh -c "$(this file)" redis-ha server|sentinel|handover
#   server    runs redis-server: the replica of the master the Sentinels name, or the master itself
#   sentinel  runs the pod's Sentinel, watching that master
#   handover  (the server's preStop) asks the Sentinels to promote a replica if this server is the master
# Both starts ask the Sentinels first, so that a restarted pod rejoins the current master instead of
# making a second one; only when no Sentinel answers (the first start of the set) is FIRST_MASTER the master.
# Environment: REDIS_PASSWORD, MASTER_NAME, SENTINELS ("host:port ..."), MY_HOST, REDIS_PORT,
# SENTINEL_PORT, FIRST_MASTER ("host:port"), QUORUM, DOWN_AFTER_MILLISECONDS, DATA_DIR, SENTINEL_DIR.
set -eu

cli() {
  timeout 3 redis-cli --no-auth-warning -a "$REDIS_PASSWORD" "$@"
}

# "host port" of the master that the first Sentinel to answer names; nothing if none does
known_master() {
  for sentinel in $SENTINELS; do
    reply=$(cli -h "${sentinel%:*}" -p "${sentinel##*:}" sentinel get-master-addr-by-name "$MASTER_NAME" 2>/dev/null) || continue
    set -- $reply
    if [ $# -eq 2 ]; then
      echo "$1 $2"
      return
    fi
  done
}

server() {
  master=$(known_master)
  if [ -z "$master" ]; then
    master="${FIRST_MASTER%:*} ${FIRST_MASTER##*:}"
  fi
  set -- --port "$REDIS_PORT" --requirepass "$REDIS_PASSWORD" --masterauth "$REDIS_PASSWORD" \
    --appendonly yes --dir "$DATA_DIR" --replica-announce-ip "$MY_HOST" --replica-announce-port "$REDIS_PORT"
  if [ "$master" != "$MY_HOST $REDIS_PORT" ]; then
    echo "starting as a replica of $master"
    set -- "$@" --replicaof $master
  else
    echo "starting as the master"
  fi
  exec redis-server "$@"
}

sentinel() {
  master=$(known_master)
  if [ -z "$master" ]; then
    master="${FIRST_MASTER%:*} ${FIRST_MASTER##*:}"
  fi
  echo "watching the master $master"
  conf="$SENTINEL_DIR/sentinel.conf"
  cat > "$conf" <<EOF
port $SENTINEL_PORT
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip $MY_HOST
sentinel announce-port $SENTINEL_PORT
requirepass $REDIS_PASSWORD
sentinel monitor $MASTER_NAME $master $QUORUM
sentinel auth-pass $MASTER_NAME $REDIS_PASSWORD
sentinel down-after-milliseconds $MASTER_NAME $DOWN_AFTER_MILLISECONDS
sentinel failover-timeout $MASTER_NAME 30000
sentinel parallel-syncs $MASTER_NAME 1
EOF
  exec redis-server "$conf" --sentinel
}

role() {
  cli -p "$REDIS_PORT" role 2>/dev/null | head -n 1
}

# A drained master hands over before it stops: a planned failover costs the gateways a second or two,
# where a master that just disappears costs them DOWN_AFTER_MILLISECONDS and the election. Once the
# Sentinels have promoted a replica, this server turns itself into its replica and closes its clients
# at once, as the Sentinels would do only some seconds later: until then it would take writes (of any
# client that has not moved to the new master yet) that are then lost.
handover() {
  [ "$(role)" = master ] || return 0
  cli -p "$SENTINEL_PORT" sentinel failover "$MASTER_NAME" >/dev/null || return 0
  waited=0
  while [ "$waited" -lt 100 ]; do
    master=$(cli -p "$SENTINEL_PORT" sentinel get-master-addr-by-name "$MASTER_NAME" 2>/dev/null | tr '\n' ' ' | sed 's/ *$//')
    if [ -n "$master" ] && [ "$master" != "$MY_HOST $REDIS_PORT" ]; then
      cli -p "$REDIS_PORT" replicaof $master >/dev/null
      cli -p "$REDIS_PORT" client kill type normal >/dev/null
      cli -p "$REDIS_PORT" client kill type pubsub >/dev/null
      echo "handed over to $master"
      return 0
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
}

case "${1:-}" in
  server) server ;;
  sentinel) sentinel ;;
  handover) handover ;;
  *) echo "usage: redis-ha server|sentinel|handover" >&2; exit 64 ;;
esac
