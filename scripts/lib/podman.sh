# Sourced by the scripts that run podman: points CONTAINERS_CONF at settings of their own, written
# next to the cache, so that podman works on hosts where its defaults do not (crun refuses hybrid
# cgroup layouts, systemd may not be running, and rlimits cannot be raised above the hard limits).
# The system's containers.conf files are left alone.
podman_conf_dir="${WSFLEET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wsfleet}"
mkdir -p "$podman_conf_dir"
nofile=$(ulimit -Hn)
nproc=$(ulimit -Hu)
[ "$nofile" = unlimited ] && nofile=1048576
[ "$nproc" = unlimited ] && nproc=32768
[ "$nproc" -gt 32768 ] && nproc=32768
cat > "$podman_conf_dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF="$podman_conf_dir/containers.conf"
unset podman_conf_dir nofile nproc
