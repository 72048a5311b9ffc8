package cn.henan.skillshub.simulator.trainees;

/** A simulated source system that learns of every trainee of the roster (the CE registry registering hours). */
public interface TraineeListener {

    void trainingCompleted(CompletedTrainee trainee);
}
