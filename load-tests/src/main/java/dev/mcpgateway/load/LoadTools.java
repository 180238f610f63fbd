package dev.mcpgateway.load;

import dev.mcpgateway.load.keys.TokenMint;
import dev.mcpgateway.load.memory.MemorySample;
import dev.mcpgateway.load.proxy.BareNettyProxy;
import dev.mcpgateway.load.scg.StockGatewayApplication;
import dev.mcpgateway.load.streams.StreamHolder;
import dev.mcpgateway.load.upstream.BenchmarkUpstream;
import java.util.Arrays;

/**
 * The one entry point of the load-tests jar: {@code java -jar mcp-auth-gateway-load-tests-exec.jar <command> --key=value…}.
 * One jar for every tool keeps {@code compare.sh} and {@code stream-memory.sh} free of class paths; each command
 * documents its options in {@code load-tests/README.md}.
 */
public final class LoadTools {

    private LoadTools() {}

    public static void main(String[] arguments) throws Exception {
        if (arguments.length == 0) {
            ToolOutput.line("Commands: upstream, mint, bare-proxy, stock-scg, streams, memory");
            System.exit(2);
        }
        String command = arguments[0];
        switch (command) {
            case "upstream" -> BenchmarkUpstream.main(Args.parse(arguments, 1));
            case "mint" -> TokenMint.main(Args.parse(arguments, 1));
            case "bare-proxy" -> BareNettyProxy.main(Args.parse(arguments, 1));
            case "stock-scg" -> StockGatewayApplication.main(Arrays.copyOfRange(arguments, 1, arguments.length));
            case "streams" -> StreamHolder.main(Args.parse(arguments, 1));
            case "memory" -> MemorySample.main(Args.parse(arguments, 1));
            default -> {
                ToolOutput.line("Unknown command " + command);
                System.exit(2);
            }
        }
    }
}
