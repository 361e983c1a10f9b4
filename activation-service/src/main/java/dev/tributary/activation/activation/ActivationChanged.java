package dev.tributary.activation.activation;

/** An activation was created, stopped or asked to reconcile: the delivery worker should look now. */
public record ActivationChanged(String activationId) {
}
