package dev.conduit.transport.memory;

import java.util.List;

import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.CatchUpTracker;
import dev.conduit.inbound.ConsumedEvent;
import dev.conduit.inbound.Dispatch;
import dev.conduit.inbound.InFlightEvent;
import dev.conduit.inbound.SourceContext;

/**
 * Reads an activation's in-memory topics in turn, never more than the room it reserved in the {@link Dispatch}, and
 * commits what completed in the topic's cursor. It sleeps until a publish or free room wakes it.
 */
final class MemoryPoller extends AdapterWork {

    private final List<MemoryTopic> topics;
    private final List<MemoryTopic.Cursor> cursors;
    private final Wakeup wakeup;
    private final Dispatch dispatch;
    private final CatchUpTracker catchUp;
    private final SourceContext context;
    private int turn;

    MemoryPoller(String name, List<MemoryTopic> topics, List<MemoryTopic.Cursor> cursors, Wakeup wakeup,
                 SourceContext context) {
        super(name, context.stop());
        this.topics = topics;
        this.cursors = cursors;
        this.wakeup = wakeup;
        this.dispatch = context.dispatch();
        this.catchUp = context.catchUp();
        this.context = context;
    }

    @Override
    protected void execute() {
        try {
            while (!stop.isRaised()) {
                int room = dispatch.reserve(context.maxPollRecords());
                if (room == 0) {
                    if (dispatch.wakeWhenRoom(dispatch.capacity() / 2, wakeup::signal)) {
                        wakeup.await(context.pollTimeout());
                    }
                    continue;
                }
                int handedOver = fetchInto(room);
                dispatch.unreserve(room - handedOver);
                reportBacklog();
                if (handedOver == 0) {
                    wakeup.await(context.pollTimeout());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fills up to {@code room} from the topics, starting with a different one each time so none starves. */
    private int fetchInto(int room) {
        int handedOver = 0;
        for (int i = 0; i < topics.size() && handedOver < room; i++) {
            int index = (turn + i) % topics.size();
            MemoryTopic topic = topics.get(index);
            MemoryTopic.Cursor cursor = cursors.get(index);
            for (MemoryTopic.Stored stored : topic.fetch(cursor, room - handedOver)) {
                dispatch.submitReserved(new MemoryInFlight(toEvent(topic.name(), stored), topic, cursor));
                handedOver++;
            }
        }
        turn++;
        return handedOver;
    }

    private void reportBacklog() {
        long lag = 0;
        for (int i = 0; i < topics.size(); i++) {
            lag += topics.get(i).lag(cursors.get(i));
        }
        catchUp.backlog(name(), lag, dispatch.size());
    }

    @Override
    protected void wakeUp() {
        wakeup.signal();
    }

    private static ConsumedEvent toEvent(String topic, MemoryTopic.Stored stored) {
        return new ConsumedEvent(topic, 0, stored.offset(), stored.key(), stored.payload(), stored.headers(),
                stored.timestamp(), 1);
    }

    /** Completed: committed in the group's cursor. Abandoned: left uncommitted, read again by the next reader. */
    private record MemoryInFlight(ConsumedEvent event, MemoryTopic topic, MemoryTopic.Cursor cursor)
            implements InFlightEvent {
        @Override
        public void completed() {
            topic.complete(cursor, event.position());
        }

        @Override
        public void abandoned() {
        }
    }
}
