import Platform
import ServiceHost
import Testing

@Suite("Platform configuration: defaults, file, environment, flags")
struct PlatformConfigurationTests {
    func load(
        _ arguments: [String] = [], environment: [String: String] = [:], file: String? = nil
    ) throws(ConfigurationError) -> PlatformConfiguration {
        try PlatformConfiguration.load(
            arguments: ["room619"] + arguments, environment: environment,
            readFile: { path in
                guard let file, path == "/etc/room619.json" else { throw ConfigurationError("no such file \(path)") }
                return file
            })
    }

    @Test("the defaults: 127.0.0.1:8080, ./room619-data, SQLite, a generated key")
    func defaults() throws {
        let configuration = try load()
        #expect(configuration.host.listen.host == "127.0.0.1")
        #expect(configuration.host.listen.port == 8080)
        #expect(configuration.dataDirectory == "./room619-data")
        #expect(configuration.databaseURL == nil)
        #expect(configuration.tokens.signingKey == .generated)
        #expect(configuration.tokens.issuer == "room619")
        #expect(configuration.tokens.accessTokenLifetime == .seconds(900))
    }

    @Test("file over defaults, environment over file, flags over environment")
    func precedence() throws {
        let file = """
            {"host": "0.0.0.0", "port": 9000, "dataDir": "/var/lib/room619", "adminEmail": "root@example.com",
             "shutdownGraceSeconds": 20,
             "auth": {"issuer": "acme", "accessTokenSeconds": 300, "signingKeyFile": "/etc/keys/a.pem",
                      "verificationKeyFiles": ["/etc/keys/old.pem"],
                      "outsideIssuers": [{"issuer": "https://idp.example", "jwksUrl": "http://127.0.0.1:9/jwks"}]}}
            """
        let fromFile = try load(["--config=/etc/room619.json"], file: file)
        #expect(fromFile.host.listen.host == "0.0.0.0" && fromFile.host.listen.port == 9000)
        #expect(fromFile.dataDirectory == "/var/lib/room619")
        #expect(fromFile.host.shutdown.gracePeriod == .seconds(20))
        #expect(fromFile.tokens.issuer == "acme" && fromFile.tokens.accessTokenLifetime == .seconds(300))
        #expect(fromFile.tokens.signingKey == .pemFile("/etc/keys/a.pem"))
        #expect(fromFile.tokens.verificationKeyFiles == ["/etc/keys/old.pem"])
        #expect(
            fromFile.tokens.outsideIssuers == [.init(issuer: "https://idp.example", jwksURL: "http://127.0.0.1:9/jwks")]
        )
        #expect(fromFile.adminEmail == "root@example.com")

        let environment = [
            "ROOM619_CONFIG": "/etc/room619.json", "PORT": "9100", "ROOM619_DATA_DIR": "/data",
            "ROOM619_ISSUER": "acme-env", "ROOM619_ADMIN_PASSWORD": "correct horse battery staple",
        ]
        let fromEnvironment = try load(environment: environment, file: file)
        #expect(fromEnvironment.host.listen.port == 9100)
        #expect(fromEnvironment.host.listen.host == "0.0.0.0", "kept from the file")
        #expect(fromEnvironment.dataDirectory == "/data")
        #expect(fromEnvironment.tokens.issuer == "acme-env")
        #expect(fromEnvironment.adminPassword == "correct horse battery staple")

        let fromFlags = try load(["--port=9200", "--data-dir=/flag"], environment: environment, file: file)
        #expect(fromFlags.host.listen.port == 9200 && fromFlags.dataDirectory == "/flag")
    }

    @Test("keys and the database come from the environment")
    func secretsFromEnvironment() throws {
        let secret = String(repeating: "s", count: 32)
        #expect(
            try load(environment: ["ROOM619_HS256_SECRET": secret]).tokens.signingKey
                == .sharedSecret(Array(secret.utf8)))
        #expect(
            try load(environment: ["ROOM619_SIGNING_KEY": "-----BEGIN PRIVATE KEY-----"]).tokens.signingKey
                == .pem("-----BEGIN PRIVATE KEY-----"))
        let url = "postgres://room619:hunter2@127.0.0.1:5432/room619"
        #expect(try load(environment: ["DATABASE_URL": url]).databaseURL == url)
    }

    @Test(
        "bad values are refused with the source and key named, and secrets never repeated",
        arguments: [
            (#"{"port": "8080"}"#, [:], "port must be a whole number"),
            (#"{"port": true}"#, [:], "port must be a whole number"),
            (#"{"port": 70000}"#, [:], "port must be a whole number from 0 to 65535"),
            (#"{"prot": 8080}"#, [:], "unknown key prot"),
            (#"{"auth": {"isuser": "x"}}"#, [:], "unknown key auth.isuser"),
            (#"{"auth": {"outsideIssuers": [{"issuer": "x"}]}}"#, [:], "needs issuer and jwksUrl"),
            (#"{"adminPassword": "hunter2"}"#, [:], "adminPassword is a secret"),
            (#"{"auth": {"signingKey": "hunter2"}}"#, [:], "auth.signingKey is a secret"),
            ("[1, 2]", [:], "must be a JSON object"),
            ("{port: 1}", [:], "is not valid JSON"),
            ("{}", ["ROOM619_HS256_SECRET": "hunter2"], "at least 32 bytes"),
            ("{}", ["DATABASE_URL": "mysql://root:hunter2@db/x"], "postgres:// or postgresql://"),
            ("{}", ["PORT": "http"], "PORT=\"http\" is not valid"),
        ] as [(String, [String: String], String)])
    func refused(file: String, environment: [String: String], message: String) throws {
        var environment = environment
        environment["ROOM619_CONFIG"] = "/etc/room619.json"
        let error = #expect(throws: ConfigurationError.self) { try load(environment: environment, file: file) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
        #expect(error?.message.contains("hunter2") == false, "a secret was repeated")
    }

    @Test("a missing configuration file is an error naming it")
    func missingFile() {
        let error = #expect(throws: ConfigurationError.self) { try load(["--config=/nope.json"]) }
        #expect(error?.message.contains("/nope.json") == true)
    }
}
