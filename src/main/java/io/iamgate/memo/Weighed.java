package io.iamgate.memo;

/** A value that knows its approximate retained heap size, for byte-weighed memos ({@link Memo}). */
public interface Weighed {
    int bytes();
}
