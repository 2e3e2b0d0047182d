package dev.conduit.api;

/**
 * The message listener interface of the adapter: a message-driven bean implements it to receive events.
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
 *     @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
 *     @ActivationConfigProperty(propertyName = "servers", propertyValue = "localhost:9092"),
 *     @ActivationConfigProperty(propertyName = "topics", propertyValue = "orders"),
 *     @ActivationConfigProperty(propertyName = "groupId", propertyValue = "billing")})
 * public class OrderEvents implements EventListener {
 *     public void onEvent(IncomingEvent event) { ... }
 * }
 * }</pre>
 *
 * Returning normally acknowledges the event (its offset may be committed). Throwing makes the adapter retry it
 * with back-off, and after the configured attempts send it to the dead-letter topic; it is never dropped.
 */
public interface EventListener {

    void onEvent(IncomingEvent event) throws Exception;
}
