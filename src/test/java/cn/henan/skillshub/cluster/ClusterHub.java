package cn.henan.skillshub.cluster;

import cn.henan.skillshub.SkillsHubApplication;
import org.springframework.boot.SpringApplication;

/**
 * One hub instance of a cluster run, as a process of its own: the whole application ({@link SkillsHubApplication})
 * with {@code cluster/hub.properties}; the run passes its instance's settings as {@code --key=value} arguments.
 */
public final class ClusterHub {

    private ClusterHub() {
    }

    public static void main(String[] args) {
        String[] springArgs = new String[args.length + 1];
        springArgs[0] = "--spring.config.additional-location=classpath:cluster/hub.properties";
        System.arraycopy(args, 0, springArgs, 1, args.length);
        new SpringApplication(SkillsHubApplication.class).run(springArgs);
    }
}
