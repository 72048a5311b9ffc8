package cn.henan.skillshub.simulator.realname;

import cn.henan.skillshub.person.IdNumber;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/** Made-up people of Henan: Chinese names, phone numbers, and ID numbers with Henan area codes and valid checks. */
public final class SimulatedPeople {

    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏晨浩宇欣怡子涵梓轩";
    /** County-level area codes in Henan: Zhengzhou, Luoyang, Xinxiang, Jiaozuo, Xinyang, Anyang, Kaifeng, Nanyang. */
    private static final List<String> HENAN_AREAS = List.of("410102", "410105", "410302", "410702", "410811",
            "411502", "410502", "410202", "411302", "410183");

    private final Random random;

    public SimulatedPeople(Random random) {
        this.random = random;
    }

    public String name() {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = 1 + random.nextInt(2);
        for (int i = 0; i < given; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    public String phone() {
        return "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
    }

    /** A valid 18-character number of someone born on {@code birthDate}, male when {@code male}. */
    public String idNumber(LocalDate birthDate, boolean male) {
        int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
        String body = HENAN_AREAS.get(random.nextInt(HENAN_AREAS.size()))
                + String.format("%04d%02d%02d", birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth())
                + String.format("%03d", sequence);
        return body + IdNumber.checkCharacter(body);
    }

    /** The same number with a wrong check character: what a typing error at a service counter looks like. */
    public static String withBrokenCheck(String idNumber) {
        char check = idNumber.charAt(17);
        char wrong = check == '0' ? '1' : check == 'X' ? '2' : (char) (check == '9' ? '0' : check + 1);
        return idNumber.substring(0, 17) + wrong;
    }
}
