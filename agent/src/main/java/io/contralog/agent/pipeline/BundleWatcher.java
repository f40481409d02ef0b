package io.contralog.agent.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches the folders that hold the bundle folders, and reloads a model when a new bundle is renamed into place
 * (the trainer writes a temporary sibling and renames it, so the name appears at once and whole).
 */
public final class BundleWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BundleWatcher.class);
    private static final long SETTLE_MILLIS = 300;

    private final Models models;
    private final WatchService watch;
    private final Map<WatchKey, Path> parents = new HashMap<>();
    private final Thread thread;

    /** Registers the parents of every bundle folder and starts watching. */
    public BundleWatcher(Models models) throws IOException {
        this.models = models;
        this.watch = FileSystems.getDefault().newWatchService();
        for (Path dir : models.dirs().values()) {
            Path parent = dir.toAbsolutePath().getParent();
            if (!parents.containsValue(parent)) {
                parents.put(parent.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY), parent);
            }
        }
        thread = new Thread(this::loop, "contralog-bundle-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                Map<String, Boolean> touched = new HashMap<>();
                collect(key, touched);
                // A rename is one event, but a copy in place arrives as many; wait for them to settle.
                WatchKey more;
                while ((more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    collect(more, touched);
                }
                touched.keySet().forEach(models::reload);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("Bundle watcher stopped");
        }
    }

    private void collect(WatchKey key, Map<String, Boolean> touched) {
        Path parent = parents.get(key);
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.context() instanceof Path name && parent != null) {
                Path changed = parent.resolve(name);
                models.dirs().forEach((slot, dir) -> {
                    if (dir.toAbsolutePath().equals(changed)) {
                        touched.put(slot, true);
                    }
                });
            }
        }
        key.reset();
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}
