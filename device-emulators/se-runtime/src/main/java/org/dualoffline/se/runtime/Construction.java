package org.dualoffline.se.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The objects whose constructors are running. Their own fields are not persistent state until
 * something persistent refers to them (a constructor that links itself into a list publishes
 * itself with {@code head = this}); writes to them before that are not tear points.
 */
final class Construction {
    /** Once per constructor of the chain running on the object. */
    private final List<Object> running = new ArrayList<>();
    private final Set<Object> published = Collections.newSetFromMap(new IdentityHashMap<>());

    void clear() {
        running.clear();
        published.clear();
    }

    void started(Object o) {
        running.add(o);
    }

    void ended(Object o) {
        for (int i = running.size() - 1; i >= 0; i--) {
            if (running.get(i) == o) {
                running.remove(i);
                break;
            }
        }
        if (!contains(o)) {
            published.remove(o);
        }
    }

    /** Whether a write to {@code target}'s fields writes persistent state. */
    boolean persistent(Object target) {
        return running.isEmpty() || published.contains(target) || !contains(target);
    }

    /** A reference is stored: an object under construction it names is reachable from now on. */
    void stored(Object value) {
        if (value != null && !running.isEmpty() && contains(value)) {
            published.add(value);
        }
    }

    private boolean contains(Object o) {
        for (Object r : running) {
            if (r == o) {
                return true;
            }
        }
        return false;
    }
}
