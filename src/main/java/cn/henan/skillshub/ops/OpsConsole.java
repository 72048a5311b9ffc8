package cn.henan.skillshub.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The ops console: a static page ({@code static/ops/}: HTML, JS, CSS, no build) served at {@code /ops}. The page
 * is public; everything it shows comes from the API with the OPS key the operator signs in with.
 */
@Configuration(proxyBeanMethods = false)
class OpsConsole implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/ops").setViewName("forward:/ops/index.html");
        registry.addViewController("/ops/").setViewName("forward:/ops/index.html");
    }
}
