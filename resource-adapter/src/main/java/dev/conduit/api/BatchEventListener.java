package dev.conduit.api;

import java.util.List;

/**
 * The batch message listener: a message-driven bean implements it (instead of {@link EventListener}) to receive
 * several events in one call, so the container begins and ends one invocation and one transaction per batch
 * instead of per event.
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
 *     @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
 *     @ActivationConfigProperty(propertyName = "servers", propertyValue = "localhost:9092"),
 *     @ActivationConfigProperty(propertyName = "topics", propertyValue = "orders"),
 *     @ActivationConfigProperty(propertyName = "groupId", propertyValue = "billing"),
 *     @ActivationConfigProperty(propertyName = "maxBatchSize", propertyValue = "200")})
 * public class OrderEvents implements BatchEventListener {
 *     public void onEvents(List<IncomingEvent> events) { ... }
 * }
 * }</pre>
 *
 * <p>Order and guarantees are those of {@link EventListener}: within a batch the events of one aggregate are in
 * consumed order, and no two batches in flight hold events of the same aggregate. Returning normally completes
 * every event of the batch (offsets may be committed, NATS messages are acknowledged). Throwing retries the whole
 * batch with back-off up to {@code maxAttempts}; if it still fails, the batch is narrowed down: its events are
 * delivered one at a time (each as a batch of one, with the usual retries), so only the events that fail on their
 * own are dead-lettered.
 */
public interface BatchEventListener {

    void onEvents(List<IncomingEvent> events) throws Exception;
}
