package dev.once.examples.payment;

/**
 * What a payment returns, and what every duplicate must get back unchanged.
 *
 * @param orderId the order paid
 * @param chargeId the ledger's id for the charge: a second charge would have another
 * @param amountCents the amount charged
 * @param currency the currency charged
 */
public record Receipt(String orderId, String chargeId, long amountCents, String currency) {}
