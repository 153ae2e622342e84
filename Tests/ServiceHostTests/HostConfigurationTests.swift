import ServiceHost
import Testing
import Transport

@Suite("Host configuration from flags and the environment")
struct HostConfigurationTests {
    @Test("with no flags or variables, the defaults: 127.0.0.1, port 0, a loop per CPU, 5 s grace")
    func defaults() throws {
        let configuration = try HostConfiguration(arguments: ["/bin/server"], environment: [:])
        #expect(configuration.listen.host == "127.0.0.1")
        #expect(configuration.listen.port == 0)
        #expect(configuration.eventLoopCount == EventLoopGroup.defaultLoopCount)
        #expect(configuration.shutdown.gracePeriod == .seconds(5))
        #expect(configuration.isAddressAnnounced)
        #expect(!configuration.isReflectionEnabled)
    }

    @Test("the environment sets the host, port, loop count and grace period")
    func environment() throws {
        let configuration = try HostConfiguration(
            arguments: [],
            environment: [
                "HOST": "0.0.0.0", "PORT": "8080", "ROOM619_EVENT_LOOPS": "3", "ROOM619_SHUTDOWN_GRACE": "0.25",
            ])
        #expect(configuration.listen.host == "0.0.0.0")
        #expect(configuration.listen.port == 8080)
        #expect(configuration.eventLoopCount == 3)
        #expect(configuration.shutdown.gracePeriod == .milliseconds(250))
    }

    @Test("a flag beats its variable")
    func flagsBeatEnvironment() throws {
        let configuration = try HostConfiguration(
            arguments: ["server", "--host=::1", "--port=9000", "--event-loops=2", "--shutdown-grace=12"],
            environment: [
                "HOST": "0.0.0.0", "PORT": "8080", "ROOM619_EVENT_LOOPS": "3", "ROOM619_SHUTDOWN_GRACE": "1",
            ])
        #expect(configuration.listen.host == "::1")
        #expect(configuration.listen.port == 9000)
        #expect(configuration.eventLoopCount == 2)
        #expect(configuration.shutdown.gracePeriod == .seconds(12))
    }

    @Test(
        "flags the host does not know, and arguments of other forms, are ignored",
        arguments: [
            ["--use_tls=false", "--server_host_override=foo.test.google.fr"], ["--port", "9"], ["-p=9"],
            ["port=9"], ["--verbose"], ["--PORT=9"], ["--port-number=9"],
        ])
    func unknownFlagsIgnored(_ arguments: [String]) throws {
        let configuration = try HostConfiguration(arguments: ["server"] + arguments, environment: ["PORT": "7"])
        #expect(configuration.listen.port == 7)
    }

    @Test("the last of a repeated flag wins")
    func repeatedFlag() throws {
        let configuration = try HostConfiguration(arguments: ["--port=1", "--port=2"], environment: [:])
        #expect(configuration.listen.port == 2)
    }

    @Test("an empty variable counts as unset")
    func emptyVariable() throws {
        let configuration = try HostConfiguration(arguments: [], environment: ["PORT": "", "HOST": ""])
        #expect(configuration.listen.port == 0)
        #expect(configuration.listen.host == "127.0.0.1")
    }

    @Test("the executable's defaults are overridden by the environment and flags, and kept otherwise")
    func codeDefaults() throws {
        let defaults = HostConfiguration.defaults {
            $0.listen.port = 50051
            $0.listen.host = "0.0.0.0"
            $0.isReflectionEnabled = true
        }
        let configuration = try HostConfiguration(arguments: ["--port=1"], environment: [:], defaults: defaults)
        #expect(configuration.listen.port == 1)
        #expect(configuration.listen.host == "0.0.0.0")
        #expect(configuration.isReflectionEnabled)
    }

    struct BadValue: Sendable, CustomTestStringConvertible {
        var arguments: [String] = []
        var environment: [String: String] = [:]
        /// What the error message must name.
        var names: String
        var testDescription: String { names }
    }

    @Test(
        "a bad value is an error that names the flag or variable and the value",
        arguments: [
            BadValue(arguments: ["--port=abc"], names: "--port=\"abc\""),
            BadValue(arguments: ["--port=65536"], names: "--port=\"65536\""),
            BadValue(arguments: ["--port=-1"], names: "--port=\"-1\""),
            BadValue(arguments: ["--port="], names: "--port=\"\""),
            BadValue(environment: ["PORT": "http"], names: "PORT=\"http\""),
            BadValue(environment: ["PORT": "70000"], names: "PORT=\"70000\""),
            BadValue(arguments: ["--host="], names: "--host=\"\""),
            BadValue(environment: ["HOST": "a b"], names: "HOST=\"a b\""),
            BadValue(arguments: ["--event-loops=0"], names: "--event-loops=\"0\""),
            BadValue(environment: ["ROOM619_EVENT_LOOPS": "many"], names: "ROOM619_EVENT_LOOPS=\"many\""),
            BadValue(environment: ["ROOM619_EVENT_LOOPS": "100000"], names: "ROOM619_EVENT_LOOPS=\"100000\""),
            BadValue(arguments: ["--shutdown-grace=-1"], names: "--shutdown-grace=\"-1\""),
            BadValue(environment: ["ROOM619_SHUTDOWN_GRACE": "5s"], names: "ROOM619_SHUTDOWN_GRACE=\"5s\""),
            BadValue(environment: ["ROOM619_SHUTDOWN_GRACE": "nan"], names: "ROOM619_SHUTDOWN_GRACE=\"nan\""),
        ])
    func badValue(_ bad: BadValue) throws {
        let error = try #require(throws: HostError.self) {
            try HostConfiguration(arguments: bad.arguments, environment: bad.environment)
        }
        #expect(error.code == .invalidConfiguration)
        #expect(error.message.contains(bad.names), "\(error)")
        #expect(error.message.contains("expected"), "\(error)")
    }

    @Test("a bad flag is an error even when its variable is good; a flag makes its variable irrelevant")
    func badFlagOrVariable() throws {
        #expect(throws: HostError.self) {
            try HostConfiguration(arguments: ["--port=x"], environment: ["PORT": "80"])
        }
        let configuration = try HostConfiguration(arguments: ["--port=80"], environment: ["PORT": "x"])
        #expect(configuration.listen.port == 80)
    }

    @Test("values set in code are checked too")
    func validate() throws {
        var configuration = HostConfiguration.defaults
        try configuration.validate()
        configuration.listen.port = 70000
        #expect(throws: HostError.self) { try configuration.validate() }
        configuration.listen.port = 0
        configuration.eventLoopCount = 0
        #expect(throws: HostError.self) { try configuration.validate() }
        configuration.eventLoopCount = 1
        configuration.shutdown.gracePeriod = .seconds(-1)
        #expect(throws: HostError.self) { try configuration.validate() }
    }

    @Test("an error reads code: \"message\" (cause: …)")
    func errorDescription() {
        let error = HostError(
            .startFailed, "could not listen on 127.0.0.1:80", cause: SystemError(call: "bind", code: 13))
        #expect(error.description.hasPrefix("start failed: \"could not listen on 127.0.0.1:80\" (cause: bind: "))
        #expect(HostError(.invalidConfiguration, "x").description == "invalid configuration: \"x\"")
        #expect(
            error
                == HostError(
                    .startFailed, "could not listen on 127.0.0.1:80", cause: SystemError(call: "bind", code: 13)))
    }
}
