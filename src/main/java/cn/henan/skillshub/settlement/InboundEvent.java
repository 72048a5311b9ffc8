package cn.henan.skillshub.settlement;

/** Where an input event came from: its {@code ce_id} (the idempotency key) and its place on the topic. */
record InboundEvent(String ceId, String ceType, String topic, int partition, long offset) {
}
