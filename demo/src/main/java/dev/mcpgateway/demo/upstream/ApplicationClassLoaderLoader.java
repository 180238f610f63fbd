package dev.mcpgateway.demo.upstream;

import java.beans.PropertyChangeListener;
import org.apache.catalina.Context;
import org.apache.catalina.Loader;
import org.jspecify.annotations.Nullable;

/**
 * Serves the embedded context from the application's own class loader. Tomcat would otherwise
 * create a web-application class loader whose leak detection, on stop, reports the JVM-wide
 * Reactor worker threads of the MCP SDK as leaked threads of this context.
 */
final class ApplicationClassLoaderLoader implements Loader {

    private final ClassLoader classLoader = ApplicationClassLoaderLoader.class.getClassLoader();

    private @Nullable Context context;

    @Override
    public void backgroundProcess() {}

    @Override
    public ClassLoader getClassLoader() {
        return this.classLoader;
    }

    @Override
    public @Nullable Context getContext() {
        return this.context;
    }

    @Override
    public void setContext(@Nullable Context context) {
        this.context = context;
    }

    @Override
    public boolean getDelegate() {
        return true;
    }

    @Override
    public void setDelegate(boolean delegate) {}

    @Override
    public void addPropertyChangeListener(PropertyChangeListener listener) {}

    @Override
    public boolean modified() {
        return false;
    }

    @Override
    public void removePropertyChangeListener(PropertyChangeListener listener) {}
}
