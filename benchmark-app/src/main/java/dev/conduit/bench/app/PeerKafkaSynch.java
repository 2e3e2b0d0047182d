package dev.conduit.bench.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import fish.payara.cloud.connectors.kafka.api.KafkaListener;
import fish.payara.cloud.connectors.kafka.api.OnRecord;

/** The Payara Cloud Connectors Kafka adapter 1.0.0 in its fastest mode: one thread polls and delivers. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "kafka-rar"),
        @ActivationConfigProperty(propertyName = "bootstrapServersConfig", propertyValue = "${bench.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "groupIdConfig", propertyValue = "bench-k-peer"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "bench-k-peer"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-peer"),
        @ActivationConfigProperty(propertyName = "autoOffsetReset", propertyValue = "earliest"),
        @ActivationConfigProperty(propertyName = "keyDeserializer",
                propertyValue = "org.apache.kafka.common.serialization.ByteArrayDeserializer"),
        @ActivationConfigProperty(propertyName = "valueDeserializer",
                propertyValue = "org.apache.kafka.common.serialization.ByteArrayDeserializer"),
        @ActivationConfigProperty(propertyName = "useSynchMode", propertyValue = "true")})
public class PeerKafkaSynch implements KafkaListener {

    @Inject
    Counters counters;

    @OnRecord(topics = {"bench-k-peer"})
    public void received(ConsumerRecord<byte[], byte[]> record) {
        counters.add("bench-k-peer", 1);
    }
}
