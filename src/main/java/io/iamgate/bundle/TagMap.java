package io.iamgate.bundle;

import io.iamgate.eval.RequestContext;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The inventory tags of one resource, by lower-cased tag key: an immutable map of a few entries in two arrays,
 * looked up by scanning (a resource has a handful of tags; a scan of a few lengths is as quick as hashing and
 * needs no table). 48 bytes for two tags where a {@code HashMap} took ~150; the key array is shared by every
 * map with the same keys, and the entries by every resource with the same tag (see {@link TagInterner}).
 * Only {@link #get} and {@link #containsKey} are on the decision path; the rest is {@link AbstractMap}'s.
 */
final class TagMap extends AbstractMap<String, RequestContext.Entry> {
    /** The largest map kept in this form; a resource with more tags gets a hashed map. */
    static final int MAX = 8;

    final String[] keys;
    final RequestContext.Entry[] values;

    TagMap(String[] keys, RequestContext.Entry[] values) {
        if (keys.length != values.length || keys.length > MAX) {
            throw new IllegalArgumentException("keys " + keys.length + ", values " + values.length);
        }
        this.keys = keys;
        this.values = values;
    }

    @Override
    public RequestContext.Entry get(Object key) {
        String[] k = keys;
        for (int i = 0; i < k.length; i++) {
            if (k[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public Set<Entry<String, RequestContext.Entry>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, RequestContext.Entry>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Entry<String, RequestContext.Entry> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int at = i++;
                        return new SimpleImmutableEntry<>(keys[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
