# Shared by demo/run.sh and ci/real-data-check.sh: the JVM flags Chronicle Queue needs on the Java found on the
# PATH, and the cleanup that stops every process a script started. Source it; it defines functions only.

# java_flags: sets the array JFLAGS. The jars' manifests open the JDK packages for java -jar; these flags cover
# launches without a manifest, native access from Java 21 and sun.misc.Unsafe memory access from Java 24.
java_flags() {
    local feature
    feature="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    JAVA_FEATURE="${feature#1.}"
    JFLAGS=(-Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true -Dchronicle.disk.monitor.disable=true
            --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
            --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
            --add-opens=java.base/java.nio=ALL-UNNAMED)
    if [ "${JAVA_FEATURE:-17}" -ge 21 ]; then JFLAGS+=(--enable-native-access=ALL-UNNAMED); fi
    if [ "${JAVA_FEATURE:-17}" -ge 24 ]; then JFLAGS+=(--sun-misc-unsafe-memory-access=allow); fi
    export OPT_OUT_TRACKING=true
}

# stop_on_exit NAME: on exit stops every process id in the array PIDS (politely, then after 10 s by force) and
# removes the folder WORK unless the script failed or KEEP_WORK=1, in which case NAME says where it is kept.
stop_on_exit() {
    STOP_NAME="$1"
    PIDS=()
    trap stop_started EXIT
    trap 'exit 130' INT TERM
}

stop_started() {
    local status=$?
    for pid in ${PIDS[@]+"${PIDS[@]}"}; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in ${PIDS[@]+"${PIDS[@]}"}; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ "${KEEP_WORK:-0}" = 1 ] || [ "$status" -ne 0 ]; then
        echo "$STOP_NAME: files kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
