package cn.henan.skillshub.person;

/** Sex as encoded in the 17th character of a resident ID number: odd is male, even is female. */
public enum Sex {
    MALE,
    FEMALE
}
