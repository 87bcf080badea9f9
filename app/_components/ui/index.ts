export { Alert, type AlertTone } from "./alert";
export { Badge, type BadgeTone } from "./badge";
export { Button, ButtonLink, Spinner, buttonClasses, type ButtonSize, type ButtonVariant } from "./button";
export { Card, CardBody, CardDescription, CardFooter, CardHeader, CardTitle } from "./card";
export { cx } from "./cx";
export { Field } from "./field";
export { Input, inputClasses } from "./input";
export { Label } from "./label";
