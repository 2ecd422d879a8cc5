import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Build step: migrates a throw-away embedded PostgreSQL with our Flyway scripts and generates the
 * jOOQ classes from it. Skipped when the migrations did not change since the last run.
 *
 * <p>Usage: java JooqCodegen.java MIGRATION_DIR TARGET_DIR PACKAGE
 */
public class JooqCodegen {

    public static void main(String[] args) throws Exception {
        var migrations = Path.of(args[0]);
        var target = Path.of(args[1]);
        var packageName = args[2];
        var stamp = target.resolve(".migrations.sha256");
        var hash = hash(migrations);
        if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
            System.out.println("jOOQ classes are up to date with the migrations");
            return;
        }
        try (var postgres = EmbeddedPostgres.builder().start()) {
            var url = postgres.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(url, "postgres", "postgres")
                    .locations("filesystem:" + migrations)
                    .load()
                    .migrate();
            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc()
                            .withDriver("org.postgresql.Driver")
                            .withUrl(url)
                            .withUser("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withExcludes(
                                            "flyway_schema_history|pg_.*|.*trgm.*|similarity.*|word_similarity.*"
                                                    + "|strict_word_similarity.*|set_limit|show_limit|show_trgm|gtrgm_.*|gin_.*")
                                    .withIncludeRoutines(true)
                                    .withIncludeTriggerRoutines(false))
                            .withGenerate(new Generate()
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withJavaTimeTypes(true)
                                    .withDeprecated(false))
                            .withTarget(
                                    new Target().withPackageName(packageName).withDirectory(target.toString()))));
        }
        Files.writeString(stamp, hash);
    }

    private static String hash(Path dir) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.list(dir)) {
            for (var file : files.sorted().toList()) {
                digest.update(file.getFileName().toString().getBytes());
                digest.update(Files.readAllBytes(file));
            }
        }
        digest.update("v1".getBytes());
        return HexFormat.of().formatHex(digest.digest());
    }
}
