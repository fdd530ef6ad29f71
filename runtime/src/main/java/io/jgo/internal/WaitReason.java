package io.jgo.internal;

/** Why a goroutine is parked; the text is Go's own, as printed by its goroutine dumps. */
public enum WaitReason {
    CHAN_RECEIVE("chan receive"),
    CHAN_SEND("chan send"),
    CHAN_RECEIVE_NIL("chan receive (nil chan)"),
    CHAN_SEND_NIL("chan send (nil chan)"),
    SELECT("select"),
    SELECT_NO_CASES("select (no cases)"),
    SLEEP("sleep"),
    MUTEX_LOCK("sync.Mutex.Lock"),
    RW_MUTEX_RLOCK("sync.RWMutex.RLock"),
    RW_MUTEX_LOCK("sync.RWMutex.Lock"),
    WAIT_GROUP_WAIT("sync.WaitGroup.Wait"),
    COND_WAIT("sync.Cond.Wait"),
    SEMAPHORE_ACQUIRE("semacquire"),
    AWAIT_FUTURE("await future"),
    PREEMPTED("preempted"),
    YIELD("yield");

    private final String text;

    WaitReason(String text) {
        this.text = text;
    }

    /** Go's wording, for dumps and deadlock reports. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
