// PorchIntake
