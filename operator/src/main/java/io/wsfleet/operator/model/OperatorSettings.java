package io.wsfleet.operator.model;

/** Operator-wide choices the resources do not make: the images used when a spec names none. */
public record OperatorSettings(String gatewayImage, String redisImage) {

    public static final String DEFAULT_GATEWAY_IMAGE = "ghcr.io/wsfleet/gateway:0.1.0";
    public static final String DEFAULT_REDIS_IMAGE = "redis:7.4-alpine";

    public static OperatorSettings defaults() {
        return new OperatorSettings(DEFAULT_GATEWAY_IMAGE, DEFAULT_REDIS_IMAGE);
    }

    static String orDefault(String image, String fallback) {
        return image == null || image.isBlank() ? fallback : image;
    }
}
