package dev.conduit.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.conduit.it.scale.ReceiptWriter;
import dev.conduit.it.scale.ReceiptingListener;

/** Kafka: 6 partitions per topic, events published with a plain producer, keyed by aggregate. */
final class KafkaScaleOut implements ScaleOutTransport {

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<String> topics() {
        return List.of("scale-1", "scale-2");
    }

    @Override
    public Class<? extends ReceiptWriter> listener() {
        return ReceiptingListener.class;
    }

    @Override
    public List<String> serverProperties() {
        return List.of();
    }

    @Override
    public void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                InContainerEnvironment.kafka().bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : topics()) {
                topics.add(new NewTopic(topic, 6, (short) 1));
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public Publisher publisher() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InContainerEnvironment.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        KafkaProducer<String, String> producer = new KafkaProducer<>(props);
        return new Publisher() {
            @Override
            public void send(String topic, String aggregate, int sequence) {
                producer.send(new ProducerRecord<>(topic, aggregate, Integer.toString(sequence)));
            }

            @Override
            public void close() {
                producer.flush();
                producer.close();
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
