package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PullWindowTest {

    @Test
    void aPullFilledCompletelyClosesWithItsLastMessage() {
        PullWindow window = new PullWindow();
        window.open("inbox.1", 2, 100);
        assertThat(window.arrived()).isTrue();
        assertThat(window.isOpen()).isTrue();
        assertThat(window.arrived()).isTrue();
        assertThat(window.isOpen()).isFalse();
        assertThat(window.arrived()).as("a message beyond the pull needs fresh room").isFalse();
    }

    @Test
    void aPullEndedByTheServerGivesBackWhatItDidNotFill() {
        PullWindow window = new PullWindow();
        window.open("inbox.1", 5, 100);
        window.arrived();
        assertThat(window.ended("inbox.0")).as("status of an earlier, given-up pull").isZero();
        assertThat(window.isOpen()).isTrue();
        assertThat(window.ended("inbox.1")).isEqualTo(4);
        assertThat(window.isOpen()).isFalse();
    }

    @Test
    void anOverduePullIsGivenUpAndItsLateMessagesNeedFreshRoom() {
        PullWindow window = new PullWindow();
        window.open("inbox.1", 3, 100);
        assertThat(window.isOverdue(100)).isFalse();
        assertThat(window.isOverdue(101)).isTrue();
        assertThat(window.close()).isEqualTo(3);
        assertThat(window.arrived()).isFalse();
        assertThat(window.ended("inbox.1")).isZero();
    }

    @Test
    void onePullAtATime() {
        PullWindow window = new PullWindow();
        window.open("inbox.1", 1, 100);
        assertThatThrownBy(() -> window.open("inbox.2", 1, 100)).isInstanceOf(IllegalStateException.class);
        assertThat(window.close()).isEqualTo(1);
        assertThat(window.close()).isZero();
    }
}
