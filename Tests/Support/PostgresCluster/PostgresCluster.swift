// placeholder
public enum PostgresClusterPlaceholder {}
